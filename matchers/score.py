"""Scoring: concept rules over tagged clauses, evidence summed as log-odds, a verdict with reasons.

Each field (title, description, OCR text of the photos) is cut into clauses
at sentence ends, commas, bullets and " - " / " / " / "+"; each clause
is normalised, spelled canonically and tagged (:mod:`matchers.lexicon`), and
rules over the tags fire in it.  Two channels are scored:

* ``blank`` — a blank e-KTP on offer: a blank word (blangko, kosong, belum
  tercetak …) near an e-KTP/KTP term is the strong evidence; chip-card,
  official-source and e-KTP words support it;
* ``related`` — other population-document fraud: blank KK/akta/KIA/SIM/paspor
  forms, forged or "jadi" KTPs, SIMs, passports, NPWP and BPJS cards, forgery
  described in words ("bisa dipakai", "lolos verifikasi", "palsu" near the ID),
  services that make or arrange a document outside the office ("jasa urus SIM
  tanpa tes", "KK sehari jadi"), NIK data, KTP photos and selfie-with-KTP sets,
  verified accounts sold with their KTP, KTP edit files (PSD, mockup,
  template of a KTP) and e-KTP readers/writers sold with blank chips.  The
  novelty, photo-service, template and reader negatives name part of such an
  offer, so they do not lower the related channel when one of these fires.

**One way of combining evidence.**  A channel's score is ``100 · σ(L / 10)``
where ``L`` is a log-odds in *points* (tenths of a natural log-odds unit, so
a rule weight of 10 multiplies the odds by e):

    L = PRIOR + Σ over evidence groups (the group's cap: its strongest rule that fired)
              + Σ in-scope hard negatives (title product phrase: full weight)
              + max(Σ weak negatives, −WEAK_NEGATIVE_CAP)

Rules that say the same thing share a group (all strong blank rules are one
group, so "blangko e-KTP" twice is not twice the evidence); each support rule
is its own group, counted once however often and in however many fields it
fires.  A listing with one strong blank rule and its e-KTP term clears the
blank threshold by more than ``WEAK_NEGATIVE_CAP``, so one weak negative
never cancels it.  Reasons carry each rule's contribution in points.

**Context counts only in scope.**  A hard negative (holder, PVC card, printer,
toy, publication, pas-foto service, novelty "KTP" …) lowers the score only
when it names what is on offer: in the title's first clause (its product
phrase; under a title that names nothing, "Ready kak", the description's first
clause, 2.4), or elsewhere attached to an ID term (within two words: "holder
KTP", "casing e-KTP", "KTP mainan"), where it is weak evidence ("Blangko
e-KTP + holder KTP" sells a blank with a holder; and a blank word with it
between itself and an ID term is no blank pair: "kartu kosong dan casing
e-KTP" names a casing, blank4).  It does not count when a sentence cue precedes it in its clause (shipping, COD,
payment, packing, store hours, store policy, greeting, bonus/free add-on,
cross-selling: "Bisa COD di tempat", "Free cover", "Cek juga holder KTP";
in a title only add-on and cross-selling cues, as "gratis ongkir" there
decorates the product),
nor when it is negated ("bukan mainan", "tanpa holder", "non PVC", "tidak
termasuk casing"; one negation covers a list: "bukan buku atau majalah").  A negated positive ("bukan blangko") is not evidence,
nor is anything after a buyer-requirement cue ("Syarat: foto KTP + selfie",
"jaminan KTP asli": the buyer provides the KTP), nor a related mention before a
requirement word ("Data KTP pemilik diperlukan") or in a list a requirement heading
opens ("Syarat: KTP asli, selfie dengan KTP, …") unless the list offers or deals.
Every discounted mention is still a reason, with weight 0 and why.

**Cross-field evidence.**  A blank word in the title and an e-KTP term in
the description (a vague title with an explicit description), or the
reverse, or both in two clauses of the title, fire ``blank_with_ektp_in_listing``
and its kin (see ``_CO_OCCURRENCES``), weighted by focus: divided by one
plus the number of other products the listing names, and halved when the
evidence sits past the fourth clause of its field, so a long description
listing many products does not make a hit.  One part must be in the title,
or both in next clauses near the description's start under a title that names
a card, chip or ID ("Kartu chip original dukcapil" / "Blangko asli, untuk
pembuatan KTP elektronik"): "cukup KTP" and "box kosong" in one description
sell a phone on credit, "Kirim CV, KTP, blangko isian" is a job advert (a
blank form of another kind: "blangko isian/lamaran/kwitansi" is a form book).
(blank4) Clauses are counted among those that name something, so greetings,
shipping and COD lines do not push an offer down; the best-placed pair of
parts counts, not the first of each; and a blank word next to the e-KTP term
itself needs no title ("READY" / "Jenis: KTP elektronik" / "Kondisi: blanko").
Related pairs (an account, selfies, words saying an ID passes as real, a
reader, each with an ID term or blank chips) combine in next clauses near the
description's start under any title (2.3): "Ready kak" / "KTP custom, mirip
aslinya" is a forgery whatever the title says; a requirement cue still keeps
its clause out ("cukup KTP, cair ke akun").
Words after a sentence cue in their clause do not take part (2.3: a cue later in
the clause, "… KTP pemilik ikut Bisa COD di tempat", no longer hides the words before it).

**Spellings (blank4).**  What a seller writes to hide a word is undone before
the lexicon reads it (:mod:`matchers.normalise`, :mod:`matchers.by_sound`):
letters spaced with full stops ("e . k . t . p" is one word, not four
sentences), pipes between spelled letters, small capitals and other Latin
letter forms, other scripts' look-alikes from Unicode's confusables, and
words typed in Cyrillic or Greek by sound ("Бланко е-КТП").  Euphemisms are
read by concept: the material of a KTP ("bahan KTP"), a stock of blanks
("stok kosongan", "stok disduk"), an unpersonalised ("belum perso") or
"virgin" card, "not yet printed" in Javanese and Sundanese, words written
without vowels ("blnk", "ksng").  A blank word heading a KTP "siap pakai" or
"instan" is a blank; after a usage cue ("cetak KTP pakai blanko ori") it is a
material a service uses.  A SIM card ("kartu perdana kosong"), an
organisation's own ID card ("kartu identitas karyawan"), a KTP sleeve
(sampul, kantong) and an empty box or pocket ("kantong kosong untuk e-KTP")
are no blank; blank support in a shipping or cross-selling sentence supports
no offer.

**Identity trade (2.2).**  Besides forged and blank documents, ``related``
covers identities sold as goods: population data (``data penduduk``, ``NIK +
nama``), an idle or someone else's KTP, a KTP with a new NIK, and accounts or
bank accounts sold with their owner's KTP (``akun ojol + KTP pemilik``, also
apart as ``account_with_id_in_listing``).  What a loan or SIM registration
asks of the buyer ("cukup KTP", "modal KTP") is a requirement cue, a
population-data *application* is a software title, and a copy shop that also
offers "bikin KTP data custom" is judged by that forgery offer.

**Related language (2.3).**  Built from the definition's concepts, not from
test rows: data of the buyer's choosing next to an ID term ("alamat bisa
request"), a KTP itself offered next to a sale word ("KTP dijual", "open PO"),
NIKs sold with a KK or KTP, double identities, insiders and skipped papers as
shortcuts, regional verbs that make or arrange a document; and spellings that
hid related words from the lexicon (leetspeak starting with a digit, letters
stretched anywhere, "K.K", hashtags with "kk").

**Related language (2.4).**  Built from concepts found missing in fresh sets written
before each change (``corpus/related_language3``–``9``, ``independent3``):

* *Fast tracks.*  Skipping the process (``FASTTRACK``: "tanpa antre", "orang dalam",
  "terima beres", "tanpa surat pindah") is told apart from mere speed (``SHORTCUT``:
  "cepat", "kilat", "2 hari jadi"): only the first combines apart with any
  population-document term (``fast_track_with_document_in_listing``); speed combines
  apart only with a service making a KTP, KK or KIA ("Urus KTP, KK, Akta cepat"), and a
  fast reply or delivery is not speed of a document.  A birth, death or marriage
  certificate is a civil record (``CIVILDOC``); a bare "akta" may be a notary's deed.
* *Kits.*  A writer, encoder or personalisation kit of e-KTPs (``NEGWRITER``, apart
  from readers) makes them (``id_writer``).  A machine in the title's product phrase
  sold with blank chips, blank or unprinted cards or population data, or any card
  machine there sold with what a strong blank rule names ("smart card writer" /
  "blank ktp chip"), is a kit: the blank channel's support rules then describe its
  parts and count 0 there, so chips named "chip blangko e-ktp" no longer make it a
  blank.  A card tested or read on a reader ("tes reader") offers no reader.
* *Forgery described.*  An ID said to be like the office's own, used for real, passing
  checks, or bearing an office's stamp; security marks (hologram, kertas sekuriti) next
  to an ID term; a KTP printed on a genuine blank ("pakai blanko ori"), personalised,
  its chip written or copied for the buyer; a KTP "custom" or with data of the buyer's
  choosing (``custom_id``, which unlike a claim of passing as real does not excuse a
  novelty or sticker negative); edit files for any population document; documents
  listed as the goods ("KTP KK NPWP").
* *Identity trade.*  A bank, e-wallet, pay-later or ride-hailing account is verified
  with its owner's e-KTP, so selling one is selling that identity (``kyc_account_sold``,
  ``verified_kyc_account``); a savings book or ATM card with a KTP is a bank account
  sold with its owner's identity; where identities are traded, copies and scans of KTPs
  are the goods (``unless_traded``), not a copy shop's service.
* *Sale words.*  "Jual e-KTP" is a sale word and an ID term, so "Jual e-KTP blangko"
  keeps its blank (2.3 read "jual e-KTP" as data); "tidak menjual kartu kosong" denies
  the blank cards; a requirement cue inside a match ("akun gojek: siapkan KTP") keeps
  the buyer's KTP out.

**Related language (2.5).**  From fresh sets written before each change (``corpus/related_language10``,
``11``):

* *Spelling.*  Phrase patterns are read in canonical spelling (:mod:`matchers.lexicon`), so a pattern
  word that is a listed variant matches again ("terima beres", "kertas sekuriti"), and a word a phrase
  names is never "corrected" into another ("printed", "pass").
* *Skipping the office.*  No need to appear at any office (kelurahan, imigrasi, KUA, a court) in more
  tongues ("teu kedah", "indak paralu", "ndak perlu") and in English ("no queue", "no KITAS needed");
  weeks as well as days of speed; a NIK is a document a fast track or a selfie set goes with.
* *Identity trade.*  A face or a name lent for someone's checks ("sewa muka", "pinjam nama"), a
  name entered in someone else's KK ("numpang KK" for a school place), identities in stock, active
  KTP numbers, the seller's own NIKs; getting past a check ("bypass/bobol verifikasi"); a KTP
  printed on a PVC card; a village's letters of civil status (SKTM, "belum menikah") as documents.
* *Found apart.*  A blank form's word and a civil record apart ("Akta nikah" / "blanko masih
  kosong"); documents listed over several clauses ("KTP / KK / NPWP / akta") rank as one clause,
  so a claim next to the list is next to its documents.
* *Second round* (``related_language12``): a way in ("punya jalur"), a new NIK, someone else's KK, a
  police letter for a lost ID, an ID "for any use" or showing in the registry, data fitted to order
  beside a KK or civil record, and a novelty KTP said to pass as real, apart as well as together (a
  novelty a bonus line gives away is not it); "tunjukkan KTP" asks the buyer.
* *Third round* (``related_language13``): Banjar, Batak and Balinese words for making, needing and
  speed; age and members fitted to order, and English "any name", beside any population document.
* *From independent4* (its tune part): a card identical to an e-KTP, a KTP printed on a card, a
  KTP business, a KTP "sudah isi data", "custom e-KTP", novelty in English, sold as a set ("sepaket"),
  scans offered for sale, Batak "bahen"; an office's stamp is its own tag (``OFFICESTAMP``), sold or
  called a replica a forger's tool; a KTP with data of the buyer's choosing is a print shop's offer too
  (``_CUSTOM_DATA_RULES``: its copy-service negative does not count against it).
* *From related_language15*: "nama siapa saja" is data of the buyer's choosing; a scan of a KTP or
  KK made an edit file is a file to make them.
* *From related_language16*: a police report, witnesses or a village letter skipped, a stuck KTP
  "got out" for you; an age on an ID made up ("umur di KTP bisa dimudakan"), while a change made at
  the office ("bisa diubah di dukcapil") is a correction, not an edit file; NIKs said to pass.
* *From related_language17*: a KTP lent or hired out ("KTP sewaan", "pinjamkan KTP"), a domicile
  without living there.
* *Lists asked of the buyer.*  Besides a list a requirement heading opens, one an imperative opens
  with a job application's papers ("Kirim CV, data KTP, ijazah") or a requirement word closes ("Data
  KTP tertanggung, STNK … diperlukan") is asked, unless a clause of it offers or deals ("DP" is a
  payment word).
* *Cues.*  A sentence cue governs the words up to the next cue (a buyer-requirement cue the rest
  of its clause): a cross-selling line run on after "konsultasi gratis" is cross-selling.

**Blank language (2.5).**  Built from concepts a fresh set (``corpus/blank_language5``) found
missing, each with hard negatives beside it:

* *Spellings.*  One word spelled in pieces with separators of more than one kind ("b. l-a n.k o",
  "bl.an-ko", "e.k-tp") is joined (:func:`matchers.normalise.join_mixed_spelling`), before the
  field is cut, so the full stop in "b. l" ends no clause; a spaced hyphen between single letters
  ("b e r - c h i p") is one word's.
* *Names.*  The electronic national ID in English ("Indonesian e-ID card", "unpersonalized"); an
  ID card with a chip ("KTP dengan chip", "kartu tanda penduduk ber-chip") is the e-KTP; the
  material of a person's identity ("bahan dasar identitas chip").
* *Head nouns.*  A holder heading a blank pair ("casing e-KTP kosong") is an empty holder.
* *No content yet.*  "Not yet" or "without", an optional "there is", then printing, filling or what a
  card holds, in the regional languages too ("e-KTP teu aya eusian", "indak ado isi", "durung ono
  isine"), and a "raw" (mentah) card; while "tanpa foto KTP" (a loan that needs no KTP photo) names
  the ID as what the buyer need not give, not a KTP without data (2.4 called it a blank).
* *Lists and reversals (after blank_language5b).*  A numbered item ("1) stempel 2) map 3) blangko
  e-KTP") is a clause of its own; the key words written backwards ("okn4lb ptke") are read.
* *After independent4's tune part* (measured on arrival first: blank P 106/109 R 106/111, as 2.4):
  Lisu letters that are Latin capitals turned ("E-KTP ꓘOSONG"); "belum berisi", "no print"; a
  printer the card can be used in is a usage cue ("bisa untuk printer kartu"); a conjunction
  between an e-KTP term and a blank word parts two things ("writer chip e-KTP dan blank chip");
  an office's notice ("Pengumuman: blanko e-KTP sudah tersedia") is a publication.
* *Blanks sold apart (after blank_language5e).*  A sale word heading a blank in the description
  ("Holder KTP bening" / "NB: ready juga blanko e-KTP kosong", "Sedia blangko KTP elektronik
  kosong") is a second offer: the product phrase's negatives count as weak ones (a machine's stay:
  a printer sold with blanks is a kit); news ("berita") is a publication; "motif e-KTP" is a look;
  "yang dicari-cari" is sought after, no wanted advert.
* *Catalogues.*  Under a title that names nothing, a description naming other products in two or
  more clauses and strong evidence in a clause of its own is a shop's list of goods: its first
  clause is one item, not the product phrase (``_catalogue``).
* *Wanted adverts.*  A buyer asking for blanks ("Dicari blanko e-KTP", "WTB", "Siapa punya …?",
  "Butuh …") offers none: blank evidence after the cue is discounted and ``blank_wanted`` makes
  the demand related.  Seeking asked as a question ("Cari blanko e-KTP? Ready kak") is a seller's
  opening; "paling dicari" (sought after), "dicari reseller" and "yang butuh" (the buyers a seller
  addresses) are no wanted adverts.

**The blank / related boundary (2.6).**  What the listing sells decides what a blank word in it is; each
concept was measured first on fresh rows (``corpus/boundary6*.jsonl``) and has hard negatives beside it:

* *A demand governs the listing.*  A buyer's advert in the poster's own voice (``blank_demand``: "dicari",
  "siapa punya", buying up as "tampung", "kami beli", "siap borong", the poster's own need "saya lagi cari",
  in Javanese, Sundanese and Minang too), or that voice apart from the blank words (``blank_demand_in_listing``),
  makes every blank word in the listing, the title's included, what is asked for (:func:`_discount_blank_channel`).
* *The material of a made ID.*  Printing, filling or personalising onto a blank ("tercetak di blanko asli",
  "jasa isi data blangko e-KTP", ``PRINTEDON``/``PRINTEDID``) makes the blank a material; under a title whose
  product phrase is a made, forged or traded ID and no blank (:func:`_title_names_made_id`), or a description
  that opens by selling a KTP made to order under bare blank words with no card said empty
  (:func:`_description_makes_id`), the blank channel's evidence is that product's material.
* *How-tos.*  A guide, tutorial or course in the title that names blanks or printing onto them teaches making
  an e-KTP (``howto_make_id``); one that names neither stays a publication.
* *Blank offers stay blank.*  A sale word offering a blank (``blank_offered``) keeps it an offer beside any of
  the above; a holder joined by "dan/serta" after a blank pair is an add-on (``neg_holder_addon``); a service
  offered after the blank ("Blangko asli dinas. Jasa bikin KTP juga bisa") is an add-on.

**Blank language (2.6).**  From fresh sets written and committed before each change
(``corpus/blank_recall6``, ``6b``, ``6c``, ``6d``), hard negatives beside each concept
(``blank_recall6_concepts``):

* *Lists led by another product.*  Under a vague title, a description whose first clause names another
  product attached to no ID term ("Ready: casing HP, charger, headset, …, ktp el blank ber chip") counts
  the clauses naming nothing between it and the blank as items of the same list (``_catalogue``); an
  ID's accessory leading its own features ("Casing e-KTP, bahan tebal, …") stays the product phrase.
* *Names.*  A card or material (usually) used for an e-KTP ("kartunya yang biasa buat KTP-el"); "KTP yg
  elektronik"; an electronic resident's identity; an empty chip card from an office ("kartu putih
  ber-chip dinas", ``office_blank_chip``), or an office's chip with an empty word apart
  (``unprinted_office_chip_in_listing``), while another office's card ("dinas perhubungan") is none.
* *No content yet.*  "Not ever" ("belum pernah diisi"), not yet entered or encoded ("belum diinput",
  "belum di-encode NIK"), "perawan"; none and empty in Javanese, Sundanese, Madurese, Bugis, Balinese
  and Malay ("ora ono datane", "euweuh datana", "tadha' data", "degaga", "tusing", "tiada maklumat").
* *Spellings.*  The blank word shortened beyond its vowels ("blgko", "blko"); e-KTP written backwards
  with its hyphen ("PTK-e"); a letter glued by a symbol to the letters before it ends their word
  ("b🔥l🔥a🔥n🔥k🔥o e-K*T*P"); Malay "kad".
* *Notices.*  An office's own notice ("Info Disdukcapil: …", "Dukcapil mengimbau …", "Info dari
  kecamatan …") is a publication.

**Blank offers kept (2.7).**  Each concept measured first on fresh rows (``corpus/blank_language7*``), hard
negatives beside it (``blank_language7_concepts``):

* *A seller's own voice is no demand.*  The poster taking, buying or needing something other than the goods
  (lexicon ``SELLERTERMS``, read before the demand cues): its terms ("kami terima komplain/retur/reseller",
  "kami tampung order"), where its stock was bought ("kami beli langsung dari gudang", "barang kami beli
  resmi"), its own need of money or time.  2.6's demand apart read these as buying and made plain offers related.
* *A warning is no offer.*  After a warning against touts or cheats (``CUEWARN``: "Waspada calo yang menawarkan
  KTP jadi atau blangko") nothing in its clause is on offer; a seller's "waspada penipuan, kami asli" warns of
  nothing it names, while "Waspada penipuan blanko e-KTP" stays a notice.
* *The e-KTP described.*  An empty or white card bearing the state's emblem (``unprinted_emblem_card``); the
  registry's card ("kartu dukcapil", "kartu resmi kecamatan") and its stock ("stok kartu dinas capil"); an
  office's reserve ("e-KTP cadangan kecamatan"); the citizen's or nation's card ("ID card warga negara");
  "putihan", "belum ada isian", Sundanese "can dieusian", each word written backwards in place ("PTK le"); a
  chip card bearing the state's emblem (``emblem_chip_card_in_listing``: "Kartu biru garuda ada chip").
* *An office's supply is news.*  Blanks at an office ("blangko e-KTP di kecamatan sudah ada lagi") and a
  shortage ("stok blangko KTP-el habis") are read as news to residents, not goods.

**Related language (2.7).**  Concepts measured first on fresh rows (``corpus/related7_a``: 2.6 read
36 of 40 offers), each with hard negatives (``related7_hardneg``):

* *The ID as the object of a sale or supply verb* a word or two on ("Dijual hasil scan KTP", "kami
  sediakan wajah dan KTP", "Selling NIK + KK data"), not past another product or a cue ("Jual holder
  KTP", "Disewakan kamera, jaminan KTP"); sale words in English and as supply ("sediakan", "disewakan").
* *A document said done* ("KTP Batam jadi", "KTP-nya udah jadi"): ``document_done`` when the state
  closes its clause; "KTP jadi syarat daftar" is a requirement said after the KTP (``CUEREQAFTER``).
* *The office's own process bypassed inside it* ("akses orang dalam dukcapil"): ``office_insider``.
* *People tracked down by their NIK* ("lacak data orang lewat NIK"), a NIK sold ("NIK dijual", "Jual data
  lengkap: NIK").
* *Documents listed over clauses as the goods* ("Dokumen: KTP, KK, akta, surat pindah. Semua jadi."):
  ``DOCUMENT_SET`` when the listing says them done, fast, skipped, fitted to order or passing; papers headed
  as the applicant's ("Berkas:", "yang dibawa") are asked of the buyer.
* *After voices7_a and independent6 (measured first):* a collector of blanks is a wanted advert
  ("penampung", "dibeli"); a KTP bearing new data or the buyer's ("KTP data baru", "dengan data kamu"); an ID
  made "not through" the office ("bukan lewat Dukcapil"); an age "bisa diatur".
* *After related7_c (measured first: 2.6 and 2.7 both 15 of 20):* a hospital's or village's letter skipped;
  "masing-masing" (each) is no typo of "casing"; a marketplace shop sold is an account; no need to go to the
  office in Acehnese, Manado, Palembang and Malay ("hana payah jak u kantor", "tak payah datang").
* *A KTP printed on a genuine blank* ("cetak e-KTP di blanko ori", "cetakkan data anda di atas blanko"): the
  blank is the material (``PRINTEDON``) and the KTP a forged one, so the blank word makes no blank pair.
* A second or new identity in English; a KTP "titipan" (held for someone's credit) is lent; "KYC packs"
  (verified sets) are identities sold.
* *After voices7_b (measured first: 2.6 17 of 26, 2.7 19 of 26):* an identity borrowed ("dipinjam
  identitasnya", "titip nama"); a collector ("menampung") and a buyer ("mau beli", seeking: a question is a
  seller's opening) of blanks; data of the buyer's choosing on any population document ("Kartu NPWP … nama
  bebas"); a blank word up to three words after a document ("paspor … halaman data kosong").
* *An office's stamp made to order, custom or said to pass* ("bikin stempel dukcapil").
* *Spellings*: chat forms ("bs dipake", "udh"), Madurese and Javanese words for making, needing,
  done and seeking ("adamel", "osah", "dhaddhi", "golek": a wanted advert), English plurals and
  "buying"; "Facebook" is no book and "dompet digital" an e-wallet, not a holder.

**Blank language (2.8).**  Concepts measured first on fresh rows (``corpus/blankrec8_a``, ``_b``: 2.7 read 15 of 20
and 7 of 8 blank offers), hard negatives beside each (``blankrec8_concepts``):

* *A letter masked* by an emoji or a symbol inside a key word ("Bl💳nko", "k💥song", "e-k+p"): two pieces that spell
  the word around one letter are the word (:mod:`matchers.masked_letters`).
* *The e-KTP described by its state.*  A card's own state of holding no data yet (``NO_CONTENT``: "belum ada data",
  "tanpa data", "belum dipersonalisasi", read in the match's words, ``Rule.words``), unlike a bare "kosong" that an
  NFC tag or a PVC card is too: with a chip card of the KTP's size or model ("Kartu standar KTP ber-chip belum
  dipersonalisasi"; apart: ``id_type_chip_without_data_in_listing``), or with a KTP term apart ("Kartu KTP baru,
  belum ada nama pemiliknya"; not where a service makes or arranges KTPs, ``_VOIDED_BY``).  An empty card of the
  e-KTP's own model ("Kartu putih ber-chip standar KTP-el").  Either way the size or model names that card, so the
  look negatives no longer count (:func:`_lift_look_negatives`); a plain card word (RFID, NFC, member, PVC) still does.
* *What is used for a KTP* ("kartu mentah yang dipakai buat KTP", "pas foto yang biasa dipakai buat KTP") serves it:
  the KTP term, not a KTP made ("buat KTP").
* *After voices8 (measured first: 2.7 and this branch alike, blank R 22/25, 25/25, 23/25):* an office's card said
  empty a word or two on ("kartu sakti dukcapil versi kosongan", ``office_card_empty``); a KTP up to four words from
  its no-data state ("Kartu identitas model resmi ber-chip (belum personalisasi)", ``ktp_without_data``); chat's
  "blm ad isi".
* *A card's fields said empty* ("kolom NIK dan nama kosong", "kolom isian masih kosong") are its no-data state, not NIKs
  and names sold; with a chip card bearing the state's emblem apart ("Kartu dasar biru garuda dengan chip" / "Kolom
  isian masih kosong", ``emblem_chip_without_data_in_listing``), while an e-money card's "saldo masih kosong" is none.
* *After blankrec8_e (measured first: 2.7 R 3/6, this branch 4/6):* the population registry's standard ("kartu chip
  standar kependudukan", "standar dukcapil") is the KTP's own model; "belum ada namanya" a no-data state.
* *A card printer sold with blank e-KTPs* ("Paket usaha: printer Evolis + 50 blanko e-KTP") offers the blanks, the
  printer beside them (its negative weak, :func:`_blanks_with_a_printer`), as the writers who never read the matcher
  label it (independent6, voices7_a); a writer, encoder, reader, edit file or software in the kit still makes it a kit
  to write identities (related, 2.4).
* *After blankrec12 (measured first: 2.9 blank R 20/27 on blankrec12_a; the shapes the retired holdouts 7 and 8
  missed):* two letters of a key word swapped ("balngko", "bnalko", "kosnog"; the first letter only with its
  neighbour, so "sokongan" stays support, and "balngkon" the headdress: :func:`matchers.lexicon._swapped_key`); a card
  never used nor printed ("belum pernah dipakai/dicetak") is a blank's state, unused alone any used good's; a variant
  list ("Varian: ribbon / pouch / ktp-el kosong", ``CUEVARIANT``) offers each item, so its first is no product phrase;
  "Buat yang KTP-nya rusak" addresses readers by their own KTP and makes none; "kami sertakan" is what the seller
  includes (an add-on, as "termasuk"), not a paper asked of the reader; "Printer ID card" names the machine by the cards
  it prints, "Starter kit ID card" the kit by the cards it makes.  From tune rows 2.9 missed: the e-KTP's card named
  by colour and emblem, its empty state after ("kartu biru garuda kosong"); "resident ID card", the KTP's English name.
  Kits (the integrator's label, ``corpus/kits12``): a kit whose goods name the blank e-KTP card itself ("printer +
  software + 50 blanko e-KTP", "Omnikey + 10 blanko e-KTP kosong", "bonus 20 blangko e-KTP") offers the blank, so
  a machine in it (a printer, writer or reader, with software or not) is demoted as 2.8 demoted a plain printer beside
  blanks, and no kit rule need find the pair apart first (:func:`_blanks_with_a_printer`); blank chips ("chip
  blangko e-KTP", "chip e-KTP kosong", "blank ktp chip", "kartu chip kosong") stay a kit's parts to write data
  (related), a tag list's words name no goods, and an edit file or population data keeps a kit one to forge with.
  "Isi paket:" lists a kit's goods as "Varian:" lists variants, its first item no product phrase.

**Told of, not offered (2.8).**  Measured first on fresh rows (``corpus/precision8_a``: 2.7 read 8 of its 28 benign
rows as offers), hard positives beside each concept (``precision8_concepts``):

* *A report, a discussion, a question of cause* (``CUEREPORT``: a crime or court case, "ditawari", "diskusi",
  "kenapa", "mau tanya"; ``CUEREPORTED`` said after what it tells of too: "Gudang blangko e-KTP digerebek"), and *a
  prohibition or an appeal* ("jangan …", "mengimbau"; a seller's "jangan ragu/sampai kehabisan" is read first): like a
  warning, nothing in the rest of the clause is on offer.
* *A sale denied after what it names* ("Blanko KTP tidak dijual", ``NOTSOLD``); "tidak dijual terpisah" is a seller's terms.
  *A seller pulling these levers (hostile8, tests/matchers/test_evasion_levers8.py):* a sale refused to some buyers
  ("bukan untuk dijual ke anak di bawah umur") or said of the box, a sample or the display ("Box bukan untuk dijual")
  is a seller's terms too.  Three whole-listing discounts precision8 first built were taken out at integration, since
  one everyday line pulled each to hide almost any offer (of the 4,739 offers the tune rows read right: a lone "tidak
  dipungut biaya" clause hid 4,326, a lone "bukan untuk dijual" clause 4,326, "Mau tanya" heading a title 4,238),
  while on text nobody tuned on they changed one verdict (holdouts 2-7, voices9): an office's free service, a
  listing "not for sale" and a headline title no longer discount the whole listing; within its clause a report,
  warning or denied sale still does.  A report or question cue heading a field ("Diskusi:" before a description,
  "Mau tanya" before a title) was still pulled: see *A seller's head* below.
* *An office's service*: its mobile service or schedule named, the office opening a service; blanks "kosong lagi" or "sering kosong"
  at the office are a shortage; "grup jual beli" is a place, not a sale.
* *After precision8_c (measured first: 2.7 read 6 of 14 benign rows blank, 2.8 then 4; learnt after)*: a debunked
  rumour ("hoaks"), the police in English, blanks found scattered, a list the
  reader is told to prepare ("siapkan e-KTP asli, foto KTP dan selfie"), population data as a topic
  ("sengketa/perlindungan data kependudukan", ``DATATOPIC``).
* *After voices8_a/b/c (measured first: the branch read them as 2.7 did; learnt after)*: an office opening or
  holding a service ("Dukcapil buka layanan jemput bola"); a photo "for" a KTP ("Foto 3x4 buat KTP"); a KTP's
  photo and a selfie a sign-up asks for ("cukup foto KTP dan selfie"); population data as a topic.
* *After precision8_d (measured first: 2.7 read 4 of 10 benign rows blank, the branch 3; learnt after)*: a forum
  thread, a fact-check, others claiming to sell ("iklan yang mengaku menjual"), a press release.
* *A seller's head (levers10).*  A report, discussion or question cue (``CUEREPORT``) discounts the rest of its
  clause only where the listing speaks as a report or a question (:mod:`matchers.told_voice`): two sentences tell of
  the goods (each names them under a report's, question's or warning's words, a sale denied or a shortage), and no
  sentence that is no question offers in the seller's own voice (a price with its amount, a stock with its count, an
  order, contact or minimum order, shipping offered, a sale word heading its sentence, a seller answering a buyer;
  not a reported seller's: "akun itu jual 150rb", "katanya ready stok").  Otherwise each hit stands under the cue it
  would without the head (``Hit.beneath``: "Mau tanya siapa punya blangko?" is still a wanted advert).  On 2.8
  "Diskusi:" before the description hid 391 of the 4,739 offers the tune rows read right and "Mau tanya" before the
  title 1,940; now none, nor any other head tried (``tests/matchers/test_levers10.py``).
* *Search words*: a list a tag heading opens ("Tag: …", "Kata kunci: …", "Label:", "Cari:" with no terms) or a clause
  of hashtags stands under a tag-list cue: search words, no evidence either way (tags13: 2.10 let their blank words
  count, and read them as the seller's under any title naming no other product, so a tag line appended to every hard
  negative read right turned 1,861 of 4,331 blank; now 35).  They are the seller's own words only when the listing
  describes its goods by their state outside them ("belum ada data", "data bebas") (:func:`_tag_lists_under_own_title`);
  hashtags under a product phrase naming no other product are read as its words, as 2.8 read them (``_voiced``: a
  hashtag line appended to every hard negative turns 1,778 of 4,370 blank, 2.10 1,882); a title's hashtags are moved to
  open the description when its own words name goods (``_names_goods``).
* *Nobody's voice* (tags13, :mod:`matchers.voiceless`): a link line ("Baca juga:", "Artikel terkait:", "Produk lain:"
  …) and a shop's notice of its own days ("Pengumuman: toko libur …") are read past (a reason names each): they hid
  298 and 168 of 5,150 offers on 2.10, 0 now.

**Blank language (2.9).**  Concepts measured first on fresh rows (``corpus/blankrec10_a``: 2.8 read 32 of its 35 blank
offers and 12 of its 15 hard negatives right), hard negatives beside each (``blankrec10_concepts``):

* *A card named by its purpose* ("Kartu buat KTP", "Kartu dinas yg buat cetak KTP", "bahan mentah untuk bikin KTP"): the
  KTP is what the card serves (an e-KTP term), not a KTP made ("buat KTP") nor offered ("KTP ready"); a card a service
  prints ("Jasa cetak kartu buat KTP hilang") stays the service's.
* *The raw or base card* ("kartu KTP mentahan", "mentahan blangko e-KTP", "kartu dasar e-KTP") is a KTP's material, while
  "mentahan" said of a file, a design or a bare KTP stays the designer's raw file; "KTP el perdana" (first, unused) is a
  new e-KTP, no phone SIM card.
* *A chip card bearing the state's emblem with no data yet* ("Kartu chip NFC" / "lambang garuda, belum ada data"): no plain
  card bears the emblem, so the chip's technology or material (NFC, Mifare, RFID, PVC) is the e-KTP's own and no longer
  a plain card's negative; a member, name or ID card still is.  "Kartu putih garuda" is an empty card bearing the emblem.
* *Spellings*: chat's "belom" (not yet), "kosongnya"/"polosnya", "putih bersih"; two letters of one key word masked
  ("k*s*ng", :mod:`matchers.masked_letters`).
* *No offer, in its clause only*: the writer's, the reader's or a relative's own KTP not yet printed ("KTP saya belum
  dicetak juga", "KTP kamu belum jadi"; a seller's stock is "kami"), an office's shortage with the office named first
  ("di kecamatan aku blangko KTP lagi kosong"), blanks not yet sent or out as a cause ("katanya blangko belum dikirim",
  "karena blangko kosong").  Appended to each of the 4,830 offers the tune rows read right, none of these lines hides
  one (one bare "WA bisnis: <url>" description reads "bisnis KTP" after it); put first, they flip the same six related
  rows any first sentence does on 2.8 ("Stok terbatas.", "KTP hilang?"), whose evidence must open the description.
* *After blankrec10_b (measured once first: this branch blank P 20/21 R 20/21, 2.8 19/21 R 19/21)*: the buyers a seller
  addresses with their need as it stands ("yg lagi butuh blangko … ada di saya") are no wanted advert.
**Told of, read in its clause (precision10).**  Measured first on fresh rows (``corpus/precision10_a``: 2.8 read 7 of
its 34 related and benign rows blank), hard positives beside each concept (``precision10_concepts``).  Each is a cue
or a tag read in its own clause, never over the whole listing, so a seller's line holding one hides nothing else
(``tests/matchers/test_precision10.py`` appends each trigger to the read-right tune offers: 0 hidden):

* *Someone else's sale* (``CUEOTHERS`` since the merge): a cheat or an unknown account as the one selling ("Penipu jual blanko", "akun
  IG yang ngaku jual", "oknum yang menawarkan", "akun di grup jual beli nawarin"), the trade's prevalence ("maraknya
  penjualan"), a scheme ("modus penipuan"); a cheat named after what it tells of ("penjual blanko di IG itu penipu",
  ``CUEREPORTED``).  The seller's own account ("akun ini", "akun kami") is no third party, and a seller saying it is
  no cheat ("bukan penipu jual blanko asli") reassures.
* *An authority acting on the blanks*: the registry or the ministry distributing, denying, announcing ("Kemendagri
  bantah", "Dukcapil ngumumke"), a council asking the office ("DPRD minta"), stock counted in millions of pieces.
* *The office's supply said available there* ("sudah tersedia kembali di kecamatan", "wis ana maneh ing kecamatan",
  "hanya ada di dinas") and a shortage as hearsay ("blangko katanya habis"): news to residents (``OUTOFSTOCK``).
* A match whose reach spans a report or warning cue ("KTP-el awas oknum yang menawarkan barang palsu") is told of
  when its words before the cue do not match alone (:func:`_told_of_inside`).
* *Blank offers kept*: printed "with" a printer, the preposition left out ("bisa dicetak printer kartu", ``CUEUSE``);
  a reader named by its model ("Omnikey") is a reader, so one sold with blanks is a kit.

**Merged as 2.9.**  Someone else's sale and an authority acting are tagged apart (``CUEOTHERS``): they tell of another's
act by their own words, so levers10's seller-voice lift, meant for heads a seller can put on any offer ("Diskusi:",
"Mau tanya"), does not lift them.  A title naming only its genre ("Pengumuman", "Info penting!!") names no goods: the
listing is read from its description (:func:`_names_only_a_genre`; hostile10 measured the title as a publication hiding
4,548 of 4,940 offers).  A genre heading before a subject ("Pengumuman: …") is still read as the title's product phrase.

**Told of, read in its clause (precision12).**  Measured first on fresh rows (``corpus/precision12_a``: 2.9 read 9 of
its 24 benign rows and 1 of its 4 related rows blank), hard positives beside each concept (``precision12_concepts``);
each extends a reading of precision10 or levers10 and holds in its own clause (``tests/matchers/test_precision12.py``
adds each trigger to the 4,991 read-right tune offers, appended and put first: it hides none but two rows 2.9's
triggers hide alike):

* *The office's shortage* waited out or asked after ("blangko belum ada", "Kapan (ya) blangko KTP ada lagi?", "udah
  setahun ga ada"), said for now after the blanks ("blangko KTP-el sedang kosong"), a supply as news tells it
  ("persediaan blangko", "stok blangko e-KTP di Kota …", "tersedia di seluruh kecamatan"): ``OUTOFSTOCK``.  A relative's
  KTP, which "KTP anak" names as a KIA first ("KTP anak saya belum dicetak"), is waited for as 2.9's own KTP is.
* *The office coming to residents* ("Dukcapil jemput bola", "Tim Dukcapil turun ke sekolah"): ``CUEOTHERS``, an authority
  acting.  Read as a publication in the product phrase it hid 174 offers under a vague title; "perekaman e-KTP" so read
  hid 279 and is not read.
* *A third party warned of* ("Hati-hati seller …", Javanese "Ati-ati tiyang …": ``CUEWARN``); *a shop or a scam as the one
  selling* ("lapak yang menjual", "Penipuan jual blangko": ``CUEOTHERS``); *a report asked for* ("Report lapak …",
  "Laporkan toko …", "mohon ditindak"), *a claim to sell* ("ngaku jual") and *a purchase told as past* ("bulan lalu saya
  beli …"): ``CUEREPORT``, levers10's head cue, so they hold only where the listing speaks as a report, and as heading
  words they tell of something only beside the goods (:mod:`matchers.told_voice`).  A victim's money lost ("Uang 300rb
  hilang") is no price in the seller's own voice.  On 2.9 "Kemarin saya beli …" read as a buyer's demand and hid 2,266
  of the read-right offers; now 1.
* (precision12_d) *A report asked of an authority or the platform* of what the listing told of ("Laporkan ke
  patrolisiber.", "adukan akun itu ke Kominfo") tells of something without the goods named, the reader told where to
  turn; a shop's policy line naming a kind of seller ("Laporkan seller nakal ke admin.") stays a heading's word
  (:data:`matchers.told_voice.REPORTED_TO`).  *A card with no NIK yet* ("belum ada NIK", "tanpa NIK", "NIK belum
  diisi") is ``KOSONG``, read before "blangko belum ada" as a shortage and before "nik" as NIK data.
* *The buyer's data printed on a KTP's material* ("kami cetak data kakak di bahan KTP asli"): a KTP printed for the
  buyer (``PRINTEDID``), so "Bahan KTP + jasa cetak data" sells that service and its material is no blank on offer.
**A heading is the genre of what follows (levers12).**  Measured first on fresh rows (``corpus/levers12_a``: 2.9 read
10 of its 22 offers under such heads benign).  A genre heading before a field's subject ("Pengumuman: …", "Berita: …",
"PENGUMUMAN!!! …", before the title or the description: the genre words read before anything else in the first
clause, :func:`_genre_heads`) or a notice's appeal ("Himbauan: …", a warning cue over the clause) is read past unless
the listing speaks as a notice (:func:`matchers.told_voice.notice_voice`: an office or a newsroom speaking as one, no
seller's voice) or the description opens by naming a publication ("Artikel berita tentang …", a newspaper sold).  On
2.9 "Pengumuman:" before the title hid 4,692 of 4,940 read-right offers, before the description 388, "Himbauan:" 1,987;
now none but what the neutral "Info produk:" hides, and the 69 notices under a genre heading in the tune rows stay
benign but one (a news item quoting a fee as a price, measured on ``levers12_b``).  Report heads over the goods
("Laporan: <title>" / "Diskusi: <description>") count once among a report's tellings (told_voice): 1,805 hidden -> 1.

**Identity trade beside the blank (relrec15).**  Measured first on fresh rows (``corpus/relrec15_a``: 2.12 read 28 of its
30 related listings) and the retired holdouts' misread shapes, hard negatives beside each (``relrec15_concepts``;
``tests/matchers/test_relrec15.py`` counts what each reading turns and what its own line hides):

* *Cloning kits*: cards, chips or software copying a card's chip, for an ID named after them ("Kit kloning kartu NFC
  untuk e-KTP", "software clone untuk kartu identitas": ``id_clone``; a bare "clone" is a knock-off); a cloning line
  beside empty cards named with the ID where the seller sells a machine or software ("Alat tulis chip plus kartu kosong
  kompatibel e-KTP" / "Bisa kloning chip"), cards made copies beside a reader of e-KTPs ("Reader e-KTP + kartu clone").
  Such a kit's empty cards are the copies' material, not blank e-KTPs (:func:`_blank_cards_to_clone_onto`), unless the
  blank word names them.  A cloning line beside a bare ID term is none (a "Bisa copy UID" line put before a title
  turned 592 hard negatives when it was); a UID or a chip's contents said copyable is not read (lexicon ``CLONE``).
* *Identities bought* in the poster's own voice ("gue beli KTP lu", "kami menampung KTP bekas"): data, as sold ones are.
* *A state school's blank certificate* ("blangko ijazah SMA … kosong", "… dengan hologram"): a kindergarten's is a
  certificate a school prints (``blank_school_form``).
* *An office's stamp said to look like the real one* in another clause ("Stempel dinas custom" / "Hasil mirip asli").
* *A document made without the papers it needs* ("Jasa pembuatan NPWP tanpa KTP asli", ``document_without_papers``:
  its "tanpa" denies nothing, :data:`_READS_ITS_NOT`); *an account sold in another's name* in one clause; *a name lent
  for a purpose* ("untuk dipinjam namanya").  Tried and dropped: a KTP in the title made "for you" apart ("Kami
  buatkan."), and another's name apart from an account: each line turned 40–140 more hard negatives than 2.12.

**Readings four writers share (relrec16).**  The related rows 2.13 misreads in the retired holdouts 9–12 and in a fresh
batch (``corpus/relrec16_a``: 2.13 read 28 of its 33 related listings), grouped by why they are missed; only reasons two
or more writers share were read, hard negatives beside each (``relrec16_concepts``, ``tests/matchers/test_relrec16.py``):

* *A person's data printed onto a blank.*  The poster prints or fills someone's data ("kami cetak data kakak",
  "datamu kami printkan", lexicon ``PRINTDATA``) onto a blank or an ID card in one clause, or beside a blank the buyer
  has or brings ("blanko bawa sendiri", "kalau udah punya blangko", ``BUYERBLANK``: no blank on offer) apart; a print
  shop's "print KTP" beside the buyer's blank too.  Any blank word apart is not enough (a print shop's "Kami cetak
  datanya." beside a holder's blank), and neither reading takes the blank channel from a title's product phrase.
* *An ID's card copied.*  A verb of copying a card's contents left by the cloning phrases, with an ID as its object a
  word or three on ("bisa salin kartu akses dan kartu identitas ber-chip", "tulis ulang chip KTP elektronik", "copy
  data kartu ID ke kartu baru", ``id_copied``); "copy KTP" is a photocopy, an access card's copy names no ID.
* *Any data, contents as asked* ("kartu NPWP dengan data apa saja", "buku nikah … isi sesuai permintaan"): data of the
  buyer's choosing.  *A place*: "di tempat kami" (``tempat`` is spelled ``dompet``) no longer reads as a holder heading
  the listing (2.13: "Ambil di tempat kami." before a title hid 5,006 of 5,337 read-right offers).  A clause the poster
  speaks in the first person is no item of a list the reader prepares ("Bawa blangkonya, saya cetakin datanya").

**relrec16 on 2.14 (relrec17).**  A blank the buyer has takes the ID it is a blank of ("udah punya blangko e-KTP",
``BUYERBLANK``): left alone the e-KTP term joined a listing's own empty words as a blank e-KTP, so "Yang sudah punya
blangko e-KTP, kami isi data." before a title turned 4,445 of 4,453 read-right hard negatives blank on 2.14 (470 with
relrec16); now it moves what the same line without its blank moves.  Two misses holdout13 shares with ``relrec17_a``:
*blank vehicle papers* ("blanko STNK dan BPKB", with a blank word only: ``blank_civil_form``), and *the spoken "gandain"*
as "gandakan" (``id_copied``: "buat gandain kartu identitas"; a key's or an access card's copy names no ID).
"""

from __future__ import annotations

import gc
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from typing import Any, NamedTuple

from matchers.by_sound import read_by_sound
from matchers.cache_sizes import READINGS_KEPT
from matchers.identifiers import dedupe_identifiers, extract_identifiers
from matchers.identity_memo import IdentityMemo, Interner
from matchers.identity_set import identity_set
from matchers.lexicon import ABSENT, PHRASE_WORDS, canonical_of_words, outline, plain_words
from matchers.normalise import join_mixed_spelling, normal_words
from matchers.notice_speaker import speaks_of_goods_as_no_seller
from matchers.others_voices import blank_spoken_of_by_others, posters_own_words
from matchers.regex_literals import required_strings
from matchers.result import MATCHER_VERSION, Assessment, Reason, Verdict, new_assessment
from matchers.shop_chatter import chatter_head_end
from matchers.told_voice import GENRE_HEADS, GOODS_TAGS, notice_voice, told_of_voice
from matchers.voiceless import (
    HASHTAG_RUN,
    PRICE_OR_QUANTITY,
    hashtags_closed,
    title_without_hashtags,
    without_own_warnings,
    without_voiceless,
)

SCORER = ("ktpwatch-logodds/2 (clauses; normalise+lexicon tags; rapidfuzz typo correction; "
          "negation, sentence cues and scope)")
DEFAULT_BLANK_THRESHOLD = 60.0
DEFAULT_RELATED_THRESHOLD = 55.0
FIELDS = ("title", "description", "image")
#: Log-odds of a channel before any evidence, in points (tenths of a nat): σ(−4) ≈ 1.8 %.
PRIOR = -40.0
#: Weak negatives (description or photo text, attached to an ID term) together lower L by at most this.
WEAK_NEGATIVE_CAP = 20.0
#: Weight of a blank word and an ID term found apart, before the focus factor.
CO_OCCURRENCE_WEIGHT = 50.0
#: Description clauses (counted from 0) past which cross-field evidence counts half.
FOCUS_CLAUSES = 4


@dataclass(frozen=True)
class Rule:
    """A rule over tags.  ``group``: rules of one group count once, by the strongest.

    ``channels`` says which channels a hard negative lowers (a material word
    such as PVC says a card is not a blank e-KTP, yet "KTP palsu bahan PVC" is
    still a forgery); ``unless_usable`` negatives (novelty cards, photo
    services) do not count when the listing offers a usable ID, nor
    ``unless_traded`` ones (copies and scans of KTPs) when it trades identities.
    """

    name: str
    channel: str  # "blank" | "related" | "negative"
    group: str
    weight: float
    pattern: re.Pattern[str]
    why: str
    channels: frozenset[str] = frozenset()
    unless_usable: bool = False
    unless_traded: bool = False
    #: (2.8) what the match's tokens, words included ("KOSONG=belum_ada_data"), must hold besides its tags:
    #: the shape the pattern reads has tags only
    words: re.Pattern[str] | None = None

    @property
    def tags(self) -> frozenset[str]:
        """Tags of which a match needs at least one (a cheap test before the regex)."""
        return frozenset(re.findall(r"([A-Z]+)=", self.pattern.pattern))


#: Tag groups a rule may name as one: any ID-document term, any term of a document
#: that a service may make.
_TAG_GROUPS = {
    "IDTERM": "(?:<KTP>|<EKTP>)",
    "IDDOC": "(?:<KTP>|<EKTP>|<KK>|<AKTA>|<KIA>|<CIVILDOC>|<OTHERDOC>)",
    "SERVICEDOC": "(?:<KTP>|<EKTP>|<KK>|<KIA>|<CIVILDOC>|<OTHERDOC>)",
    "CARD": "(?:<KARTU>|<KTP>)",
    "QUICK": "(?:<SHORTCUT>|<FASTTRACK>)",  # speed, or skipping the process
    "ANYAKUN": "(?:<AKUN>|<KYCAKUN>|<KYCFIN>|<KYCSOLD>)",  # any account, or one of a service that verifies with an e-KTP
    "MACHINE": "(?:<NEGPRINTER>|<NEGWRITER>)",  # a card printer or reader, or a writer of chips
    "MAKE": "(?:<SERVICE>|<MAKEFOR>)",
    "CIVILTERM": "(?:<KTP>|<EKTP>|<KK>|<AKTA>|<KIA>|<CIVILDOC>|<OTHERDOC>)",
    "BLANKCHIP": r"(?:(?:<BLANGKO>|<KOSONG>)(?: \S+){0,2} <CHIP>|<CHIP>(?: \S+){0,2} (?:<BLANGKO>|<KOSONG>))",  # a card word, or the KTP (a card: "kartu identitas chip")
}


#: (2.8) A card's own state of holding nothing yet ("belum ada data", "tanpa data", "belum dipersonalisasi", "unprinted"),
#: read in a match's tokens: an ID's notion, unlike a bare "kosong", "putih" or "polos" that an NFC tag or a PVC card is too.
NO_CONTENT = re.compile(rf"KOSONG=(?:{ABSENT}_\S+|kolom_\S+|can_\S+|no_data|without_data|unprinted|not_printed|no_print"
                        r"|not_yet_printed|unpersonali[sz]ed\S*|not_personali[sz]ed\S*)(?!\S)")
#: (2.8) The e-KTP's own model or standard ("model e-KTP", "standar KTP-el"), not its size ("ukuran standar KTP-el").
EKTP_TYPE = re.compile(r"(?<!ukuran )(?<!size )(?<!seukuran )TYPEKTP=\S*(?:ektp|ktpel|e_ktp|ktp_el)(?!\S)")
#: (2.8) A chip card of the KTP's own type or size ("kartu chip ukuran KTP", "kartu standar KTP ber-chip").
ID_TYPE_CHIP = r"(?:<TYPEKTP>|<SIZEKTP>)(?: \S+){0,3} <CHIP>|<CHIP>(?: \S+){0,3} (?:<TYPEKTP>|<SIZEKTP>)"


#: (relrec15) A cloning word that names the cards, chips or software copying them ("kloning kartu", "kartu clone",
#: "software clone").
_CLONES_CARDS = re.compile(r"CLONE=\S*(?:kartu|card|chip|software|aplikasi|kit|alat|paket)")


def _p(pattern: str) -> re.Pattern[str]:
    for group, tags in _TAG_GROUPS.items():
        pattern = pattern.replace(f"<{group}>", tags)
    pattern = re.sub(r"<([A-Z]+)>", r"\1=\\S*", pattern)
    return re.compile(rf"(?<!\S)(?:{pattern})(?!\S)")


def _near(a: str, b: str, gap: int) -> str:
    return rf"<{a}>(?: \S+){{0,{gap}}} <{b}>|<{b}>(?: \S+){{0,{gap}}} <{a}>"


def _near_one_product(a: str, b: str, gap: int) -> str:
    """:func:`_near` with no other product between: in "kartu kosong dan casing e-KTP" the
    casing is what the e-KTP term names, so "kosong" and "e-KTP" are not one blank; nor a
    conjunction ("writer chip e-KTP dan blank chip": the blank chips are another thing, 2.5)."""
    return rf"<{a}>(?: (?!NEG|AND)\S+){{0,{gap}}} <{b}>|<{b}>(?: (?!NEG|AND)\S+){{0,{gap}}} <{a}>"


def _near_in_sentence(a: str, b: str, gap: int) -> str:
    """:func:`_near` with no sentence cue between: a novelty card a bonus line gives away run on
    after "bisa dipakai …" ("… apa aja Bonus gantungan kunci") is not the card said to be usable (2.5)."""
    return rf"<{a}>(?: (?!CUE)\S+){{0,{gap}}} <{b}>|<{b}>(?: (?!CUE)\S+){{0,{gap}}} <{a}>"


_BOTH = frozenset({"blank", "related"})
#: (2.8) One identity paper as a clause's token: an ID, a family card, another population document, a NIK, a selfie,
#: a bank book or ATM card (a phone SIM card is not one: "Kartu perdana baru, belum registrasi KTP" sells the card).
_PAPER = "(?:<KTP>|<EKTP>|<KK>|<OTHERDOC>|<CIVILDOC>|<NIK>|<SELFIE>|<BANKBOOK>)"
_BLANK_ONLY = frozenset({"blank"})


def _neg(name: str, tag: str, weight: float, why: str, channels: frozenset[str] = _BOTH,
         unless_usable: bool = False, unless_traded: bool = False) -> Rule:
    return Rule(name, "negative", name, weight, _p(f"<{tag}>"), why, channels, unless_usable, unless_traded)


RULES: tuple[Rule, ...] = (
    # blank channel: strong evidence (one group)
    Rule("blank_ektp", "blank", "blank_core", 75, _p(_near_one_product("BLANGKO", "EKTP", 3)), why="blank word near an e-KTP term"),
    Rule("unprinted_ektp", "blank", "blank_core", 70, _p(_near_one_product("KOSONG", "EKTP", 3)), why="empty/unprinted word near an e-KTP term"),
    Rule("blank_ktp", "blank", "blank_core", 70, _p(_near_one_product("BLANGKO", "KTP", 2)), why="blank word next to KTP"),
    Rule("unprinted_ktp", "blank", "blank_core", 65, _p(_near_one_product("KOSONG", "KTP", 2)), why="empty/unprinted word next to KTP"),
    Rule("blank_ready_id", "blank", "blank_core", 65, _p(r"(?:<BLANGKO>|<KOSONG>)(?: \S+){0,1} <READYID>"),
         why="a blank word heading a KTP 'siap pakai' or 'instan' ('Blanko e-KTP siap pakai'): the blank is on offer"),
    Rule("blank_of_id_type", "blank", "blank_core", 75, _p(r"<BLANGKO>(?: \S+){0,1} <TYPEKTP>"),
         why="a blank of an e-KTP model or standard ('Blanko model e-KTP terbaru')"),
    # (2.8) an empty card of the e-KTP's own model or standard ("Kartu putih ber-chip standar KTP-el"), not of its size
    # ("ukuran standar KTP-el") nor of a plain KTP's standard (a PVC or RFID card "standar KTP" is a size)
    Rule("empty_card_of_ektp_type", "blank", "blank_core", 70, _p(r"<KOSONG>(?: \S+){0,3} <TYPEKTP>|<TYPEKTP>(?: \S+){0,2} <KOSONG>"),
         why="an empty card of the e-KTP's model or standard", words=EKTP_TYPE),
    # (2.8) a chip card of the KTP's type or size said to hold no data yet ("Kartu standar KTP ber-chip belum
    # dipersonalisasi"): the e-KTP described by its state; that size or model then names its card, not a look-alike's
    Rule("id_type_chip_without_data", "blank", "blank_core", 55,
         _p(rf"(?:{ID_TYPE_CHIP})(?: \S+){{0,4}} <KOSONG>|<KOSONG>(?: \S+){{0,4}} (?:{ID_TYPE_CHIP})"),
         why="a chip card of the KTP's type or size that holds no data yet: an e-KTP described", words=NO_CONTENT),
    Rule("id_material", "blank", "blank_core", 65, _p("<IDMATERIAL>"), why="the material of a KTP offered (bahan KTP): a blank"),
    # (2.7) a card left white or empty that bears the state's emblem ("Kartu putih bergaruda, belum terisi"): the e-KTP
    # described, not named; a greeting card "kosong bergambar garuda" has its kind between card and empty word
    Rule("unprinted_emblem_card", "blank", "blank_core", 65,
         _p("<EMPTYEMBLEM>"),
         why="an empty card bearing the state's emblem: an e-KTP described"),
    # (2.6) an empty chip card from an office ("kartu putih ber-chip dinas", "chip kosong dari dukcapil"): the e-KTP
    # named only indirectly; another office's ("dinas perhubungan") is no registry's (lexicon ``OTHEROFFICE``)
    Rule("office_blank_chip", "blank", "blank_core", 60,
         _p(r"<BLANKCHIP>(?: \S+){0,2} <OFFICIAL>|<OFFICIAL>(?: \S+){0,2} <BLANKCHIP>"),
         why="an empty chip card said to come from an office"),
    # (2.8) an office's card said empty a word or two on ("kartu sakti dukcapil versi kosongan", "kartu dinas, masih
    # kosong"): the registry's card described by its state; another office's ("dinas perhubungan") is none
    # (2.8) a KTP a few words from its state of holding no data yet ("Kartu identitas model resmi ber-chip (belum
    # personalisasi)"): further than a bare empty word may stand, as only an ID card lacks its data
    Rule("ktp_without_data", "blank", "blank_core", 65, _p(_near_one_product("KTP", "KOSONG", 4)),
         why="a KTP term and its state of holding no data yet", words=NO_CONTENT),
    Rule("office_card_empty", "blank", "blank_core", 60,
         _p(rf"(?:{_near('CARD', 'OFFICIAL', 2)})(?: (?!NEG|AND)\S+){{0,2}} <KOSONG>|<KOSONG>(?: (?!NEG|AND)\S+){{0,2}} (?:{_near('CARD', 'OFFICIAL', 2)})"),
         why="an office's card said empty: the registry's card described by its state"),
    Rule("office_stock_ektp", "blank", "blank_core", 65, _p(_near_one_product("DINASSTOCK", "EKTP", 3) + "|" + _near_one_product("DINASSTOCK", "KTP", 2)),
         why="e-KTP sold from an office's stock (stok dinas): not issued to anyone"),
    # blank channel: support, each its own group
    # (2.5) a sale word heading a blank ("ready juga blanko e-KTP kosong"): offered on its own (see _tally)
    Rule("blank_offered", "blank", "blank_offered", 4,
         _p(r"<SALE>(?: \S+){0,2} (?:<BLANGKO>|<KOSONG>)(?: (?!NEG|AND)\S+){0,2} <IDTERM>"
            r"|<SALE>(?: \S+){0,2} <IDTERM>(?: (?!NEG|AND)\S+){0,2} (?:<BLANGKO>|<KOSONG>)"),
         why="a sale word heading a blank e-KTP: the blank is on offer"),
    Rule("ektp_term", "blank", "ektp_term", 15, _p("<EKTP>"), why="e-KTP term"),
    Rule("ktp_term", "blank", "ktp_term", 6, _p("<KTP>"), why="KTP term"),
    Rule("blank_term", "blank", "blank_term", 10, _p("<BLANGKO>"), why="blank word"),
    Rule("unprinted_term", "blank", "unprinted_term", 3, _p("<KOSONG>"), why="empty/unprinted word"),
    Rule("chip_card", "blank", "chip_card", 12, _p(r"<CARD>(?: \S+){0,2} <CHIP>|<CHIP>(?: \S+){0,1} <CARD>"), why="chip card"),
    Rule("blank_chip", "blank", "blank_chip", 10, _p(_near("BLANGKO", "CHIP", 2) + "|" + _near("KOSONG", "CHIP", 2)), why="blank chip"),
    Rule("official_card", "blank", "official_card", 10, _p(_near("CARD", "OFFICIAL", 2)), why="card said to come from an office"),
    # (2.6) a chip said to come from an office ("kartu chip dinas", "chip dukcapil"): the same support as an office's card
    Rule("office_chip", "blank", "official_card", 10, _p(_near("CHIP", "OFFICIAL", 2)), why="chip said to come from an office"),
    Rule("official_source", "blank", "official_source", 16, _p("<OFFICIAL>|<DINASSTOCK>"), why="claims an official source (dinas, dukcapil)"),
    Rule("original_claim", "blank", "original_claim", 4, _p("<ORIGINAL>"), why="claims to be original"),
    # (2.7) the state's emblem ("lambang garuda"): alone any badge or jersey shows it; an empty word apart makes it an ID
    Rule("emblem_term", "blank", "emblem_term", 3, _p("<EMBLEM>"), why="the state's emblem, as an ID shows it"),
    # (2.7) a chip named alone ("Kartu biru garuda … ada chip"): no weight of its own, the other part of an emblem's chip card
    Rule("chip_term", "blank", "chip_term", 0, _p("<CHIP>"), why="a chip"),
    # (2.8) the two parts of a chip card of the KTP's type said to hold no data, found apart (``_CO_OCCURRENCES``)
    Rule("id_type_chip", "blank", "id_type_chip", 0, _p(ID_TYPE_CHIP), why="a chip card of the KTP's type or size"),
    Rule("no_content_term", "blank", "no_content_term", 0, _p("<KOSONG>"), why="a card's state of holding no data yet",
         words=NO_CONTENT),
    # (2.8) a chip card bearing the state's emblem in one clause ("Kartu dasar biru garuda dengan chip"): alone an
    # e-money or credit card may show both, so only with a no-data state apart (``_CO_OCCURRENCES``)
    Rule("emblem_chip", "blank", "emblem_chip", 0, _p(_near("EMBLEM", "CHIP", 3)), why="a chip card bearing the state's emblem"),
    # related channel: strong evidence (one group), then support
    Rule("blank_civil_form", "related", "related_core", 65,
         _p(r"(?:<BLANGKO>|<KOSONG>)(?: \S+){0,3} (?:<KK>|<AKTA>|<KIA>|<CIVILDOC>|<OTHERDOC>)|(?:<KK>|<AKTA>|<KIA>|<CIVILDOC>|<OTHERDOC>)(?: \S+){0,3} (?:<BLANGKO>|<KOSONG>)"
            # (relrec17) a vehicle's papers with a blank word only ("Blanko STNK", "BPKB dan STNK blanko"): "STNK kosong"
            # is a wallet's or a bureau's as often
            r"|<BLANGKO>(?: \S+){0,2} <VEHICLEDOC>|<VEHICLEDOC>(?: \S+){0,2} <BLANGKO>"),
         why="blank family card, birth certificate, child ID, licence, passport or vehicle papers form"),
    Rule("forged_ktp", "related", "related_core", 65, _p("<FORGE>|<READYID>|<PRINTEDID>|" + _near("PRINTEDON", "IDTERM", 3)),
         why="ready-made or forged KTP (or one printed on a genuine blank)"),
    Rule("identity_data", "related", "related_core", 65, _p("<IDDATA>"), why="NIK or KTP-photo data for sale"),
    Rule("forgery_described", "related", "related_core", 60,
         _p("|".join(_near(usable, term, 3) for usable in ("USABLE", "USABLEID", "OFFICESTAMP") for term in ("KTP", "EKTP", "FORGE", "READYID"))
            + "|" + _near_in_sentence("USABLEID", "NEGNOVELTY", 3) + "|" + _near_in_sentence("USABLE", "NEGNOVELTY", 3)
            + "|" + _near("SECURITYMARK", "IDDOC", 3)
            + "|" + "|".join(_near(usable, term, 3) for usable in ("USABLEID", "OFFICESTAMP") for term in ("KK", "AKTA", "OTHERDOC", "CIVILDOC"))),
         why="an ID said to pass as real (bisa dipakai, lolos verifikasi, seperti asli)"),
    Rule("forged_word_near_id", "related", "related_core", 60, _p(_near("PALSU", "IDDOC", 3)),
         why="an identity document called fake (palsu, aspal, duplikat)"),
    Rule("document_shortcut", "related", "related_core", 60,
         _p(r"<MAKE>(?: \S+){0,2} <SERVICEDOC>(?: \S+){0,4} <QUICK>|<QUICK>(?: \S+){0,3} <MAKE>(?: \S+){0,2} <SERVICEDOC>"
            r"|<SERVICEDOC>(?: \S+){0,2} <QUICK>|<QUICK>(?: \S+){0,1} <SERVICEDOC>"),
         why="an identity document made or arranged outside the office (cepat, tanpa antre, tanpa tes)"),
    Rule("id_edit_file", "related", "related_core", 65, _p(_near("NEGTEMPLATE", "CIVILTERM", 3)),
         why="a file or template to make a KTP, KK, birth certificate or licence (PSD, mockup, editable)"),
    Rule("verified_account_with_id", "related", "related_core", 65,
         _p(r"<ANYAKUN>(?: \S+){0,3} <VERIFIED>(?: \S+){0,4} <IDTERM>|<VERIFIED>(?: \S+){0,2} <ANYAKUN>(?: \S+){0,4} <IDTERM>"
            r"|<IDTERM>(?: \S+){0,4} <ANYAKUN>(?: \S+){0,3} <VERIFIED>|<ANYAKUN>(?: \S+){0,3} <IDTERM>(?: \S+){0,2} <VERIFIED>"),
         why="a verified account sold with the KTP it was verified with"),
    Rule("verified_kyc_account", "related", "related_core", 60,
         _p(_near("KYCAKUN", "VERIFIED", 3) + "|" + _near("KYCFIN", "VERIFIED", 3) + "|<KYCVERIFIED>"),
         why="a payment, bank, ride-hailing or marketplace account sold verified: verified with someone's e-KTP"),
    Rule("kyc_account_sold", "related", "related_core", 60, _p(r"<KYCSOLD>|<SALE> <KYCFIN>|<KYCFIN>(?: \S+){0,2} <INUSE>"),
         why="a bank, e-wallet, pay-later or ride-hailing account sold: it was verified with its owner's e-KTP"),
    Rule("id_writer", "related", "related_core", 60, _p(_near("NEGWRITER", "IDTERM", 2)),
         why="a writer, encoder or personalisation kit for e-KTPs: a machine that makes them"),
    # (2.7) any population document's: "Kartu NPWP … nama dan alamat bebas", "paspor nama bebas"
    Rule("custom_id", "related", "related_core", 60,
         _p("<CUSTOMID>|" + "|".join(_near("CUSTOMDATA", term, 3) for term in ("IDTERM", "KK", "OTHERDOC", "CIVILDOC"))),
         why="a KTP, KK or other population document with data of the buyer's choosing (KTP custom, nama bebas)"),
    Rule("document_list", "related", "related_core", 55, _p(r"<CIVILTERM>(?: <CIVILTERM>){2,}"),
         why="population documents listed as the goods (KTP KK NPWP)"),
    Rule("id_made_to_order", "related", "related_core", 60, _p(_near("MAKEFOR", "IDTERM", 3) + "|" + _near("MAKEFOR", "KK", 3)),
         why="a KTP or KK made for the buyer (kami buatkan)"),
    Rule("account_with_id", "related", "related_core", 60, _p(r"<ANYAKUN>(?: \S+){0,3} (?:<KTP>|<EKTP>)"),
         why="an account sold with the KTP of its owner (akun ojol + KTP pemilik)"),
    Rule("reader_with_blank_chip", "related", "related_core", 65,
         _p("|".join(f"{a}(?: \\S+){{0,5}} {b}" for a, b in (
             (r"<MACHINE>(?: \S+){0,2} <IDTERM>", "<BLANKCHIP>"), (r"<IDTERM>(?: \S+){0,2} <MACHINE>", "<BLANKCHIP>"),
             ("<BLANKCHIP>", r"<MACHINE>(?: \S+){0,2} <IDTERM>"), ("<BLANKCHIP>", r"<IDTERM>(?: \S+){0,2} <MACHINE>")))
            # a reader of chip e-KTPs and blank ones ("reader KTP chip kosong": the chip is in the ID term)
            + r"|<MACHINE>(?: \S+){0,2} <IDTERM> (?:<BLANGKO>|<KOSONG>)"
            # blank chips the ID term qualifies ("writer plus blanko chip e-KTP")
            + r"|<MACHINE>(?: \S+){0,5} <BLANKCHIP>(?: \S+){0,1} <IDTERM>|<BLANKCHIP>(?: \S+){0,1} <IDTERM>(?: \S+){0,5} <MACHINE>"),
         why="an e-KTP reader/writer sold with blank chips: a kit to make e-KTPs"),
    Rule("nik_with_id", "related", "related_core", 60, _p(_near("NIK", "KK", 2) + "|" + _near("NIK", "IDTERM", 2)),
         why="NIKs sold with a family card or KTP (NIK + KK)"),
    Rule("office_stamp_sold", "related", "related_core", 60,
         _p(r"<FORGEDSTAMP>|<SALE> <OFFICESTAMP>|<OFFICESTAMP>(?: \S+){0,3} <PALSU>|<PALSU>(?: \S+){0,2} <OFFICESTAMP>"
            # (2.7) made to order, custom or said to pass ("bikin stempel dukcapil", "stempel desa custom mirip asli")
            r"|<MAKE>(?: \S+){0,1} <OFFICESTAMP>|<OFFICESTAMP>(?: \S+){0,3} (?:<USABLEID>|<CUSTOMDATA>)"),
         why="an office's stamp sold or called a replica: a forger's tool (2.5)"),
    # (relrec15) a card's chip or UID copied onto another card, for an ID ("software clone untuk kartu identitas",
    # "kloning kartu NFC untuk e-KTP"): a kit to copy e-KTPs, its blank cards the copies' material
    Rule("id_clone", "related", "related_core", 60, _p(r"<CLONE>(?: \S+){0,3} <IDTERM>"),
         why="a tool to copy an ID card's chip onto another card (kloning kartu e-KTP, software clone untuk KTP)",
         words=_CLONES_CARDS),
    # (relrec16) a verb of copying a card's contents with an ID as its object, a word or three on ("bisa salin kartu akses
    # dan kartu identitas ber-chip", "tulis ulang chip KTP elektronik", "copy data kartu ID ke kartu baru"): a tool to copy
    # IDs, as ``id_clone`` reads a cloning phrase; an access card's or a member card's copy names no ID
    Rule("id_copied", "related", "related_core", 60, _p(r"<COPYVERB>(?: \S+){0,3} <IDTERM>|<COPYVERB>(?: \S+){0,1} <KARTU> \S+"),
         why="a card's contents copied with an ID as its object (salin kartu identitas, tulis ulang chip e-KTP)",
         words=re.compile(r"(?:KTP|EKTP)=\S+$|KARTU=\S+ id$")),
    # (relrec15) a population or tax document made without the papers the office asks for ("Jasa pembuatan NPWP tanpa
    # KTP asli", "bikin SIM tanpa KK"): the papers are skipped, so the document is made outside the office; the service
    # names the document itself ("jasa foto paspor tanpa …" is a photo studio's)
    Rule("document_without_papers", "related", "related_core", 60,
         _p(r"<MAKE> <SERVICEDOC> <NOT>(?: \S+){0,1} (?:<IDTERM>|<KK>|<AKTA>|<CIVILDOC>|<OTHERDOC>)"),
         why="a population or tax document made without the papers it needs (NPWP tanpa KTP)",
         words=re.compile(r"(?<!\S)NOT=tanpa(?!\S)")),  # "without", not "not" ("bikin SIM bukan KTP")
    # (relrec15) an account sold held in another person's name ("Jual akun … atas nama orang lain"): that person's
    # identity traded.  A document collected or sent in another's name is an office's or a courier's errand ("pengambilan
    # KTP atas nama orang lain wajib surat kuasa"); found apart (a next clause), a seller's "Atas nama orang lain." line
    # turned ~40–60 hard negatives naming an account in each place, so only one clause under a sale word is read
    Rule("anothers_name", "related", "related_core", 60,
         _p(r"<SALE>(?: \S+){0,2} (?:<ANYAKUN>|<BANKBOOK>)(?: \S+){0,5} <OTHERSNAME>"),
         why="an account in another person's name (atas nama orang lain)"),
    # (relrec15) a state school's or university's certificate form left blank ("blangko ijazah SMA … kosong"), or one
    # sold with its security marks ("blangko ijazah … dengan hologram"): forged as a blank KK is; a kindergarten's
    # ("Blanko ijazah TK") is a certificate a school prints, and a folder a holder (lexicon)
    Rule("blank_school_form", "related", "related_core", 65,
         _p(r"<BLANGKO>(?: \S+){0,2} <STATEDIPLOMA>|<STATEDIPLOMA>(?: \S+){0,3} (?:<BLANGKO>|<KOSONG>)"
            r"|<BLANGKO>(?: \S+){0,2} (?:<SCHOOLDOC>|<STATEDIPLOMA>)(?: \S+){0,6} <SECURITYMARK>"),
         why="a blank school certificate or transcript form (blangko ijazah)"),
    # (relrec16) a person's data printed or filled by the poster onto a blank, the buyer's or any ("kami cetak data kakak
    # ke blangko", "Datamu kami printkan ke blanko baru", "bawa blangkonya saya cetakin datanya"), or onto an ID card
    # ("cetak data ke kartu KTP-el"): a KTP made on a blank; the blank is its material.  A print shop's data printed
    # onto paper, a form or a PVC card names no blank word and no ID term
    Rule("data_printed_on_blank", "related", "related_core", 60,
         _p(r"<PRINTDATA>(?: \S+){0,4} (?:<BLANGKO>|<BUYERBLANK>|<PRINTEDON>)|<BUYERBLANK>(?: \S+){0,4} <PRINTDATA>"
            r"|<PRINTDATA>(?: \S+){0,2} <IDTERM>"),
         why="a person's data printed onto a blank or an ID card (cetak data kakak ke blangko)",
         words=re.compile(r"BLANGKO=|BUYERBLANK=|PRINTEDON=|PRINTDATA=\S+ (?:ke|di|pada|diatas|dalam)(?: \S+)? (?:KARTU=\S+ )?(?:KTP|EKTP)=")),
    # (2.7) the ID the object of the sale or supply verb a word or two on ("Dijual hasil scan KTP", "kami sediakan
    # wajah dan KTP"), unless another product or a sentence cue stands between ("Jual holder KTP", "Ready, syarat KTP")
    Rule("id_for_sale", "related", "related_core", 60, _p(r"<SALE>(?: (?!NEG|CUE|KARTU)\S+){0,2} (?:<IDTERM>|<NIK>)|<IDTERM> <SALE>"),
         why="a KTP itself offered (KTP dijual, ready, open PO): an issued ID is not a product"),
    # (2.7) a population document said done and handed over ("KTP Batam jadi", "KTP-nya udah jadi", "KK pasti jadi"):
    # nothing tagged follows the state in its clause ("KTP jadi syarat daftar" is no made KTP; "KTP jadi awet" under a
    # holder is the holder's negative's to judge)
    Rule("document_done", "related", "related_core", 60, _p(r"<SERVICEDOC>(?: (?!NEG|CUE|AND|NOT=)\S+){0,2} (?:<DONE>|<DONESURE>)(?![^\n]* [A-Z]+=)"),
         why="a population document said done (jadi) for the buyer: made outside the office"),
    # (2.7) a way past the office's process inside the office itself ("akses orang dalam dukcapil", "calo imigrasi")
    Rule("office_insider", "related", "related_core", 60, _p(_near("FASTTRACK", "OFFICIAL", 3)),
         why="an insider or a skipped process at the population office (orang dalam, jalur belakang)"),
    # (2.5) a wanted advert offers no blank, yet asks for blank e-KTPs: a demand for them is related
    Rule("blank_wanted", "related", "related_core", 60,
         _p(r"(?:<CUEWANT>|<CUENEED>)(?: \S+){0,3} (?:(?:<BLANGKO>|<KOSONG>)(?: \S+){0,2} <IDTERM>|<IDTERM>(?: \S+){0,2} (?:<BLANGKO>|<KOSONG>)"
            r"|<IDMATERIAL>|<DINASSTOCK>)"),
         why="a buyer asking for blank e-KTPs (dicari, WTB, yang punya … japri): a demand for blanks, none on offer"),
    # (2.6) a buyer's advert in the poster's own voice (dicari, siapa punya, kami beli, tampung): the listing is a demand;
    # the cue governs up to the next cue, as it does for a discount ("Kami mencari mitra yang bisa menyuplai blanko e-KTP");
    # a blank word alone is enough after so plain a buyer's cue ("Dicari kolektor blanko" / "Beli blanko e-KTP kosong")
    Rule("blank_demand", "related", "related_core", 60,
         _p(r"(?:<CUEWANT>|<CUEBUY>)(?: (?!CUE)\S+)*? (?:<BLANGKO>|<KOSONG>(?: \S+){0,2} <IDTERM>|<IDTERM>(?: \S+){0,2} <KOSONG>"
            r"|<IDMATERIAL>|<DINASSTOCK>)"),
         why="a buyer advertising for blank e-KTPs or buying them up (dicari, kami beli, tampung): the listing is a demand"),
    # (2.6) the poster's own voice as a buyer, not of payment or shipping ("Saya beli, harga tinggi"; "kami terima transfer" is
    # a seller's terms): the other part of a demand found apart (blank_demand_in_listing)
    Rule("buyer_voice", "related", "buyer_voice", 1, _p(r"<CUEBUY>(?! (?:CUEPAY|CUESHIP|CUECOD|SALE)=)"),
         why="the poster's own voice as a buyer (saya beli, kami tampung); 'yang punya' may address the buyers a seller wants"),
    Rule("selfie_term", "related", "selfie_term", 3, _p("<SELFIE>"), why="a selfie"),
    Rule("nik_term", "related", "nik_term", 3, _p("<NIK>"), why="a NIK"),
    Rule("account_term", "related", "account_term", 2, _p("<ANYAKUN>"), why="an account (marketplace, bank, e-wallet)"),
    Rule("verified_account", "related", "verified_account", 8, _p(_near("ANYAKUN", "VERIFIED", 3)), why="a verified account"),
    Rule("id_reader", "related", "id_reader", 3, _p(_near("MACHINE", "IDTERM", 2)), why="an e-KTP reader or writer"),
    # (2.8) software in a card machine's kit ("software included", "aplikasi isi data"): the kit writes identities
    Rule("kit_software", "related", "kit_software", 0, _p("<SOFTWARE>"), why="software to enter data onto cards"),
    # KTP, KK or KIA only: a consultant who helps make an NPWP, or an agent a passport, "cepat", is legal
    Rule("document_service", "related", "document_service", 2, _p(r"<MAKE>(?: \S+){0,2} (?:<KTP>|<EKTP>|<KK>|<KIA>)"),
         why="a service that makes or arranges a KTP, KK or KIA"),
    Rule("speed_word", "related", "speed_word", 1, _p("<SHORTCUT>"), why="speed (cepat, kilat)"),
    # (2.7) "all/already/surely done" (semua/sudah/pasti jadi): says a listed set of documents is made for the buyer
    # (see DOCUMENT_SET); a bare "jadi" is as often "becomes" ("jadi rapi")
    Rule("done_word", "related", "done_word", 1, _p("<DONESURE>"), why="a thing said done (sudah jadi, semua jadi)"),
    Rule("bank_kit", "related", "bank_kit", 2, _p("<BANKBOOK>"), why="a savings book or ATM card"),
    # (2.6) printed, filled or personalised onto a blank ("dicetakkan ke blanko original"): the other part of a forged ID apart
    # a KTP printed on a blank in one phrase ("cetak e-KTP di blanko ori", PRINTEDID) too: what a how-to may teach
    Rule("printed_on_blank", "related", "printed_on_blank", 3, _p("<PRINTEDON>|<PRINTEDID>"), why="printed or filled onto a blank"),
    Rule("fast_track", "related", "fast_track", 3, _p("<FASTTRACK>"),
         why="a document process skipped (tanpa antre, orang dalam, terima beres)"),
    Rule("custom_data", "related", "custom_data", 5, _p("<CUSTOMDATA>"), why="data of the buyer's choosing (nama bebas, alamat bisa request)"),
    Rule("usable_claim", "related", "usable_claim", 5, _p("<USABLEID>|<OFFICESTAMP>"), why="said to pass as real (lolos verifikasi, seperti asli)"),
    # (relrec15) the parts of an identity traded found apart: another person's name, a document made for the buyer
    # (relrec15) the parts of a cloning kit and of a replica stamp found apart (``_CO_OCCURRENCES``)
    Rule("clone_tool", "related", "clone_tool", 3, _p("<CLONE>"), why="a card cloned (kloning kartu, software clone)"),
    Rule("clone_cards", "related", "clone_cards", 0, _p("<CLONE>"), why="cards made copies (kartu clone, kloning kartu)",
         words=re.compile(r"CLONE=(?=\S*(?:kartu|card|chip))\S*(?:clone|cloning|kloning|klon|gandakan)")),  # no software
    Rule("office_stamp_term", "related", "office_stamp_term", 0, _p("<OFFICESTAMP>"), why="an office's stamp"),
    # (relrec16) the parts of a KTP printed onto a blank found apart (``_CO_OCCURRENCES``): a person's data printed by the
    # poster, a blank the buyer has or brings, a copy shop's printing of KTPs ("Jasa print KTP" / "blanko bawa sendiri")
    Rule("printed_data", "related", "printed_data", 0, _p("<PRINTDATA>"), why="a person's data printed or filled by the poster"),
    Rule("buyers_blank", "related", "buyers_blank", 0, _p("<BUYERBLANK>"),
         why="a blank the buyer has or brings (blanko bawa sendiri, dari customer)"),
    Rule("id_print_service", "related", "id_print_service", 0, _p("<NEGCOPYSERVICE>"), why="KTPs printed by a print shop",
         words=re.compile(r"NEGCOPYSERVICE=(?:jasa_)?(?:print|cetak)\S*ktp")),
    Rule("passing_claim", "related", "passing_claim", 0, _p("<USABLEID>"), why="said to look like the real one",
         words=re.compile(r"USABLEID=\S*(?:mirip|seperti|kayak|kaya|persis|identik|original)")),  # not "tampil di dukcapil"
    Rule("official_source_related", "related", "official_source_related", 10, _p("<OFFICIAL>"), why="claims an official source"),
    Rule("id_term_related", "related", "id_term_related", 5, _p("<KTP>|<EKTP>|<KK>"), why="identity document term"),
    # (2.4) any population document a service may make or arrange: the other part of a fast track found apart
    # (2.8) identity papers in a row ("KTP", "NPWP", "KTP dan KK", "SIM card"): in a clause naming nothing else, the part
    # of an identity set (:data:`IDENTITY_SET`); no weight of its own and no reason
    Rule("paper_clause", "related", "paper_clause", 0, _p(rf"{_PAPER}(?: (?:<AND> )?{_PAPER})*"),
         why="a clause naming identity papers and nothing else"),
    Rule("civil_doc_term", "related", "civil_doc_term", 2, _p("<AKTA>|<KIA>|<CIVILDOC>|<OTHERDOC>"),
         why="population document term (akta, KIA, SIM, paspor …)"),
    # hard negatives: another product on offer
    _neg("neg_blangkon", "NEGHEADWEAR", -90, why="blangkon (Javanese headwear)"),
    _neg("neg_holder", "NEGHOLDER", -80, why="holder, casing or wallet"),
    _neg("neg_holder_addon", "NEGADDON", -WEAK_NEGATIVE_CAP, why="a holder, casing or wallet joined to what was named before it: an add-on"),
    _neg("neg_plain_card", "NEGPLAINCARD", -45, why="plain PVC/RFID/NFC, name, member or ID card", channels=_BLANK_ONLY),
    _neg("neg_material", "NEGMATERIAL", -35, why="a plain material (plastik, kertas, akrilik)", channels=_BLANK_ONLY),
    # a SIM card is a card sold "kosong/blank" (no number active yet): never a blank e-KTP, though
    # one registered with someone's NIK is identity trade, so the related channel keeps it
    _neg("neg_phone_sim", "PHONESIM", -80, why="a phone SIM card (kartu perdana)", channels=_BLANK_ONLY),
    _neg("neg_card_size", "SIZEKTP", -80, why="KTP only as a size or look"),
    _neg("neg_card_type", "TYPEKTP", -30, why="KTP only as a model or standard", channels=_BLANK_ONLY),
    Rule("neg_printer", "negative", "neg_printer", -80, _p("<MACHINE>"), "card printer, ribbon, reader or writer", _BOTH, True),
    _neg("neg_copy_service", "NEGCOPYSERVICE", -80, why="photocopy, scan, laminating or translation service", unless_usable=True,
         unless_traded=True),
    _neg("neg_form_book", "NEGFORMBOOK", -80, why="receipt or form book"),
    _neg("neg_toy", "NEGTOY", -80, why="toy or educational card"),
    _neg("neg_template", "NEGTEMPLATE", -70, why="template or design file", unless_usable=True),
    _neg("neg_design", "NEGDESIGN", -70, why="design service, sticker or skin", unless_usable=True),
    _neg("neg_publication", "NEGPUBLICATION", -90, why="newspaper, magazine, book or thesis about e-KTP"),
    _neg("neg_howto", "NEGHOWTO", -90, why="a guide, tutorial or course about e-KTP"),
    _neg("neg_photo_service", "NEGPHOTO", -80, why="pas-foto printing or photo editing", unless_usable=True),
    _neg("neg_novelty", "NEGNOVELTY", -80, why="novelty or pet 'KTP' card", unless_usable=True),
)
_RULE_INDEX = {rule.name: i for i, rule in enumerate(RULES)}
_PAPER_CLAUSE = _RULE_INDEX["paper_clause"]
_NEGATIVE_RULES = frozenset(i for i, rule in enumerate(RULES) if rule.channel == "negative")
#: Rules saying the listing offers an ID that passes as real, or what makes one (a KTP
#: edit file, a reader/writer with blank chips): the ``unless_usable`` negatives (novelty
#: card, photo service, template, reader) name part of that offer, not another product,
#: so they neither count against it nor lower its focus.
_USABLE_RULES = frozenset({"forged_ktp", "forgery_described", "forgery_described_in_listing", "id_edit_file",
                           "reader_with_blank_chip", "reader_with_blank_chip_in_listing",
                           "machine_with_blank_ektp_in_listing", "id_writer", "id_clone", "clone_tool_with_id_in_listing",
                           "clone_cards_with_id_machine_in_listing", "data_printed_on_blank", "data_printed_on_blank_in_listing",
                           "id_printed_on_buyers_blank_in_listing", "id_copied"})
_ID_TERM_RULES = frozenset({_RULE_INDEX["ektp_term"], _RULE_INDEX["ktp_term"]})
_WANTED_RULE_INDEX = _RULE_INDEX["blank_wanted"]
_DEMAND_RULE_INDEX = _RULE_INDEX["blank_demand"]
_WANTED_RULES = frozenset({_WANTED_RULE_INDEX, _DEMAND_RULE_INDEX, _RULE_INDEX["buyer_voice"]})
_BLANK_OFFERED = _RULE_INDEX["blank_offered"]
#: Rules saying identities are traded (data, accounts with their owner's KTP): copies and
#: scans of KTPs are then the goods, not a copy shop's service (``unless_traded``).
_TRADE_RULES = frozenset({"identity_data", "account_with_id", "account_with_id_in_listing", "bank_kit_with_id_in_listing"})
#: A KTP printed with data of the buyer's choosing ("Jasa cetak e-KTP custom data"): a print shop's
#: copy-service negative names that offer too (2.5), while a novelty or a sticker still does not.
_CUSTOM_DATA_RULES = frozenset({"custom_id"})
#: Rules saying a writer, reader or printer of e-KTPs is sold with what it makes them from.
_KIT_RULES = frozenset({"id_writer", "reader_with_blank_chip", "reader_with_blank_chip_in_listing", "machine_with_blank_ektp_in_listing", "id_clone", "clone_tool_with_id_in_listing",
                           "clone_cards_with_id_machine_in_listing", "id_copied"})
_PRINTER_RULE = _RULE_INDEX["neg_printer"]
#: (2.8) Rules describing the e-KTP as an empty card of its own model, or a chip card of the KTP's type or size that
#: holds no data yet, and the negatives that read "ukuran/model/standar KTP" as a look-alike's size or model.
_DESCRIBED_RULES = frozenset({"empty_card_of_ektp_type", "id_type_chip_without_data", "id_type_chip_without_data_in_listing"})
_LOOK_NEGATIVES = frozenset({_RULE_INDEX["neg_card_size"], _RULE_INDEX["neg_card_type"]})
#: (2.9) A chip card bearing the state's emblem, found with a state of holding no data yet ("Kartu chip NFC" / "Model
#: KTP elektronik, ada lambang garuda, belum ada data"): no plain card shows the emblem, so the chip's own technology
#: (NFC, Mifare, DESFire: the e-KTP's) and the KTP's size or model name that e-KTP, not another card.
_EMBLEM_CHIP_RULES = frozenset({"emblem_chip_card_in_listing", "emblem_chip_without_data_in_listing"})
_NO_CONTENT_TERM = _RULE_INDEX["no_content_term"]
_PLAIN_CARD = _RULE_INDEX["neg_plain_card"]
_PLAIN_CARD_NEGATIVES = _LOOK_NEGATIVES | {_PLAIN_CARD}
#: The plain-card words that name a card's chip technology or its material, as an e-KTP's are (spelled "pvc" once read
#: canonically); a member, name or ID card is another card.
_CHIP_TECHNOLOGY = frozenset({"nfc", "mifare", "rfid", "pvc"})
#: Evidence found apart (other clauses or fields): (rule, rules of one part, rules of the other).
_BLANK_TERM, _UNPRINTED_TERM = frozenset({_RULE_INDEX["blank_term"]}), frozenset({_RULE_INDEX["unprinted_term"]})
_EKTP_TERM, _KTP_TERM = frozenset({_RULE_INDEX["ektp_term"]}), frozenset({_RULE_INDEX["ktp_term"]})
_APART = "in the title and the description, or in two clauses of the title (weighted by focus)"
#: Evidence found apart: (rule, rules of one part, rules of the other).  One part must
#: be in the title: "cukup KTP" and "box kosong" in one description are a phone on
#: credit, not a blank.  A plain KTP with "kosong" is never enough ("kartu perdana
#: kosong", registration by KTP), and only strong usable-ID words count apart.
_CO_OCCURRENCES = (
    (Rule("blank_with_ektp_in_listing", "blank", "blank_core", CO_OCCURRENCE_WEIGHT, _p("<BLANGKO>"),
          f"blank word and an e-KTP term, {_APART}"), _BLANK_TERM, _EKTP_TERM),
    (Rule("unprinted_with_ektp_in_listing", "blank", "blank_core", 45, _p("<KOSONG>"),
          f"empty/unprinted word and an e-KTP term, {_APART}"), _UNPRINTED_TERM, _EKTP_TERM),
    (Rule("blank_with_ktp_in_listing", "blank", "blank_core", 40, _p("<BLANGKO>"),
          f"blank word and a KTP term, {_APART}"), _BLANK_TERM, _KTP_TERM),
    # (2.6) an office's chip card with nothing on it ("Kartu chip dinas" / "belum ada data sama sekali"): the e-KTP
    # named only indirectly; another office's card ("dinas perhubungan") is not the registry's (lexicon ``OTHEROFFICE``)
    (Rule("unprinted_office_chip_in_listing", "blank", "blank_core", 45, _p("<KOSONG>"),
          f"empty/unprinted word and a chip said to come from an office, {_APART}"),
     _UNPRINTED_TERM, frozenset({_RULE_INDEX["office_chip"]})),
    # (2.7) a chip card bearing the state's emblem ("Kartu biru garuda ada chip", "Kartu chip dengan lambang garuda"): the
    # e-KTP described, as no other chip card shows it; a badge, jersey or greeting card with the emblem has no chip
    (Rule("emblem_chip_card_in_listing", "blank", "blank_core", 45, _p("<EMBLEM>"),
          f"the state's emblem and a chip card, {_APART}"), frozenset({_RULE_INDEX["emblem_term"]}),
     frozenset({_RULE_INDEX[name] for name in ("chip_card", "blank_chip", "office_chip", "chip_term")})),
    # (2.8) a chip card of the KTP's type or size and its state of holding no data yet ("Kartu chip ukuran KTP, putih,
    # belum ada data"; "Kartu chip standar KTP garuda" / "belum ada data apapun"): the e-KTP described by its state
    (Rule("id_type_chip_without_data_in_listing", "blank", "blank_core", 45, _p("<CHIP>"),
          f"a chip card of the KTP's type or size and a state of holding no data, {_APART}"),
     frozenset({_RULE_INDEX["id_type_chip"]}), frozenset({_RULE_INDEX["no_content_term"]})),
    # (2.8) a KTP and its state of holding no data yet ("Kartu KTP baru, belum ada nama pemiliknya"): unlike a bare
    # "kosong" ("kartu perdana kosong", "daftar pakai KTP"), "belum ada data/nama", "belum dipersonalisasi" say what
    # only an ID card lacks
    # (2.8) a chip card bearing the state's emblem and its fields or state of holding no data ("Kartu dasar biru garuda
    # dengan chip" / "Kolom isian masih kosong"): an e-money card "chip bergambar garuda" has a balance, not fields
    (Rule("emblem_chip_without_data_in_listing", "blank", "blank_core", 45, _p("<EMBLEM>"),
          f"a chip card bearing the state's emblem and a state of holding no data, {_APART}"),
     frozenset({_RULE_INDEX["emblem_chip"]}), frozenset({_RULE_INDEX["no_content_term"]})),
    (Rule("no_content_with_ktp_in_listing", "blank", "blank_core", 45, _p("<KOSONG>"),
          f"a KTP term and a state of holding no data, {_APART}"),
     frozenset({_RULE_INDEX["no_content_term"]}), _KTP_TERM),
    (Rule("forgery_described_in_listing", "related", "related_core", CO_OCCURRENCE_WEIGHT, _p("<USABLEID>"),
          f"an ID term and words saying it passes as real, {_APART}"),
     frozenset({_RULE_INDEX["usable_claim"]}),  # any population document said to pass as real (2.4), a novelty KTP, NIKs (2.5)
     _ID_TERM_RULES | {_RULE_INDEX["id_term_related"], _RULE_INDEX["civil_doc_term"], _RULE_INDEX["neg_novelty"],
                       _RULE_INDEX["nik_term"]}),
    # data of the buyer's choosing is a forgery next to a KTP, yet also what a novelty card or sticker
    # offers: unlike a claim that the ID passes as real, it does not excuse those negatives
    (Rule("custom_data_with_id_in_listing", "related", "related_core", CO_OCCURRENCE_WEIGHT, _p("<CUSTOMDATA>"),
          f"an ID term and data of the buyer's choosing, {_APART}"),  # a KK's or a civil record's too (2.5)
     frozenset({_RULE_INDEX["custom_data"]}), _ID_TERM_RULES | {_RULE_INDEX["id_term_related"], _RULE_INDEX["civil_doc_term"]}),
    (Rule("verified_account_with_id_in_listing", "related", "related_core", CO_OCCURRENCE_WEIGHT, _p("<VERIFIED>"),
          f"a verified account and a KTP term, {_APART}"),
     frozenset({_RULE_INDEX["verified_account"]}), _ID_TERM_RULES),
    (Rule("account_with_id_in_listing", "related", "related_core", CO_OCCURRENCE_WEIGHT, _p("<AKUN>"),
          f"an account and a KTP term ('akun + KTP' bundles), {_APART}"),
     frozenset({_RULE_INDEX["account_term"]}), _ID_TERM_RULES),
    (Rule("nik_with_id_in_listing", "related", "related_core", CO_OCCURRENCE_WEIGHT, _p("<NIK>"),
          f"a NIK and a KK or KTP term ('NIK + KK' data), {_APART}"),
     frozenset({_RULE_INDEX["nik_term"]}), _ID_TERM_RULES | {_RULE_INDEX["id_term_related"]}),
    (Rule("selfie_with_id_in_listing", "related", "related_core", CO_OCCURRENCE_WEIGHT, _p("<SELFIE>"),
          f"selfies and a KTP term or NIK ('selfie + KTP' sets), {_APART}"),
     frozenset({_RULE_INDEX["selfie_term"]}), _ID_TERM_RULES | {_RULE_INDEX["nik_term"]}),
    # a kit's inputs: blank chips, blank or unprinted cards, population data to print (2.4)
    (Rule("reader_with_blank_chip_in_listing", "related", "related_core", CO_OCCURRENCE_WEIGHT, _p("<NEGPRINTER>"),
          f"an e-KTP reader/writer or printer with blank chips, blanks or population data, {_APART}"),
     frozenset({_RULE_INDEX["id_reader"]}),
     frozenset({_RULE_INDEX[name] for name in ("blank_chip", "blank_term", "unprinted_term", "identity_data")})),
    # a card machine of any kind sold with what a strong blank rule names ("smart card writer" / "blank ktp chip")
    (Rule("machine_with_blank_ektp_in_listing", "related", "related_core", CO_OCCURRENCE_WEIGHT, _p("<NEGPRINTER>"),
          f"a card printer, reader or writer and blank e-KTPs, {_APART}"),
     frozenset({_RULE_INDEX["neg_printer"]}),
     frozenset({_RULE_INDEX[name] for name in ("blank_ektp", "unprinted_ektp", "blank_ktp", "unprinted_ktp")})),
    (Rule("fast_track_with_document_in_listing", "related", "related_core", CO_OCCURRENCE_WEIGHT, _p("<FASTTRACK>"),
          f"a document process skipped and a population-document term, {_APART}"),
     frozenset({_RULE_INDEX["fast_track"]}),  # a NIK too: "NIK bermasalah? … tanpa ke kantor" (2.5)
     _ID_TERM_RULES | {_RULE_INDEX["id_term_related"], _RULE_INDEX["civil_doc_term"], _RULE_INDEX["nik_term"]}),
    # (2.5) a blank form's word and a civil record's name apart ("Akta nikah" / "blanko masih kosong"); a KTP is the
    # blank channel's, and a KK with a blank word is read in one clause (blank_civil_form)
    (Rule("blank_civil_form_in_listing", "related", "related_core", CO_OCCURRENCE_WEIGHT, _p("<BLANGKO>|<KOSONG>"),
          f"a blank or empty word and a civil record, licence or passport, {_APART}"),
     frozenset({_RULE_INDEX["blank_term"], _RULE_INDEX["unprinted_term"]}), frozenset({_RULE_INDEX["civil_doc_term"]})),
    (Rule("printed_on_blank_with_id_in_listing", "related", "related_core", CO_OCCURRENCE_WEIGHT, _p("<PRINTEDON>"),
          f"an ID term and printing or filling onto a blank (a KTP printed on a genuine blank), {_APART}"),
     frozenset({_RULE_INDEX["printed_on_blank"]}), _ID_TERM_RULES | {_RULE_INDEX["id_term_related"]}),
    # (2.6) a buyer's voice apart from the blank words ("Beli blanko KTP-el kosong" / "Saya beli semua, bayar tunai")
    (Rule("blank_demand_in_listing", "related", "related_core", CO_OCCURRENCE_WEIGHT, _p("<CUEBUY>"),
          f"the poster's buyer voice and a blank word, {_APART}"),
     frozenset({_RULE_INDEX["buyer_voice"]}), frozenset({_RULE_INDEX["blank_term"], _RULE_INDEX["unprinted_term"]})),
    (Rule("bank_kit_with_id_in_listing", "related", "related_core", CO_OCCURRENCE_WEIGHT, _p("<BANKBOOK>"),
          f"a savings book or ATM card and a KTP term (a bank account sold with its owner's KTP), {_APART}"),
     frozenset({_RULE_INDEX["bank_kit"]}), _ID_TERM_RULES),
    (Rule("document_service_fast_in_listing", "related", "related_core", CO_OCCURRENCE_WEIGHT, _p("<MAKE>"),
          f"a service making a population document and speed or a skipped process, {_APART}"),
     frozenset({_RULE_INDEX["document_service"]}), frozenset({_RULE_INDEX["speed_word"], _RULE_INDEX["fast_track"]})),
    # (relrec15) a cloning tool and empty cards named with an ID term apart ("Alat tulis chip plus kartu kosong kompatibel
    # e-KTP" / "Bisa kloning chip"): a kit to copy e-KTPs.  A bare ID term is not enough: a reader of e-KTPs, a news item
    # or a holder that a seller's cloning line runs into copies nothing (a "Bisa copy UID" line put first turned 592)
    (Rule("clone_tool_with_id_in_listing", "related", "related_core", CO_OCCURRENCE_WEIGHT, _p("<CLONE>"),
          f"a cloning tool (kloning kartu, software clone) and empty cards named with an ID term, {_APART}"),
     frozenset({_RULE_INDEX["clone_tool"]}),
     frozenset({_RULE_INDEX[name] for name in ("blank_ektp", "unprinted_ektp", "blank_ktp", "unprinted_ktp")})),
    # (relrec15) cards made copies and a reader or writer of e-KTPs apart ("Reader e-KTP + kartu clone"): a cloning kit;
    # software said to clone beside a reader of e-KTPs names no card of a kit
    (Rule("clone_cards_with_id_machine_in_listing", "related", "related_core", CO_OCCURRENCE_WEIGHT, _p("<CLONE>"),
          f"cards made copies and a reader or writer of e-KTPs, {_APART}"),
     frozenset({_RULE_INDEX["clone_cards"]}), frozenset({_RULE_INDEX[name] for name in ("id_reader", "id_writer")})),
    # (relrec15) an office's stamp and words saying the result passes as real apart
    # ("Stempel dinas custom" / "Hasil mirip asli"): a replica made to forge with, as in one clause (office_stamp_sold);
    # data to order apart ("nama bebas") is a novelty card's as often
    (Rule("office_stamp_passing_in_listing", "related", "related_core", CO_OCCURRENCE_WEIGHT, _p("<OFFICESTAMP>"),
          f"an office's stamp and words saying it passes as real, {_APART}"),
     frozenset({_RULE_INDEX["office_stamp_term"]}), frozenset({_RULE_INDEX["passing_claim"]})),
    # (relrec16) a person's data printed by the poster and a blank the buyer has apart ("Yang sudah punya blangko sendiri,
    # kirim ke kami" / "kami cetak data kakak di atasnya"; "Kalau udah punya blangko" / "kami bisa cetakin datanya"): a KTP
    # made on it.  Any blank word apart is not enough: a print shop's "Kami cetak datanya." beside a holder's or a notice's
    # blank turned ~340 hard negatives when put before a title
    (Rule("data_printed_on_blank_in_listing", "related", "related_core", CO_OCCURRENCE_WEIGHT, _p("<PRINTDATA>"),
          f"a person's data printed by the poster and a blank the buyer has, {_APART}"),
     frozenset({_RULE_INDEX["printed_data"]}), frozenset({_RULE_INDEX["buyers_blank"]})),
    # (relrec16) a print shop's KTPs and a blank the buyer brings apart ("Jasa print KTP" / "blanko bawa sendiri"): the
    # buyer's blank printed as a KTP.  A plain blank word beside a copy shop's "print KTP" is its forms' as often
    (Rule("id_printed_on_buyers_blank_in_listing", "related", "related_core", CO_OCCURRENCE_WEIGHT, _p("<NEGCOPYSERVICE>"),
          f"a print shop's KTPs and a blank the buyer brings, {_APART}"),
     frozenset({_RULE_INDEX["id_print_service"]}), frozenset({_RULE_INDEX["buyers_blank"]})),
)


#: Rules that name a blank (its word, or it next to an ID term): after a usage cue these are a
#: material used ("pakai blanko ori"), while an ID term there still names a KTP ("verified pakai KTP").
_BLANK_WORD_RULES = frozenset(i for i, rule in enumerate(RULES) if rule.group == "blank_core"
                              or rule.name in ("blank_term", "unprinted_term", "blank_chip"))


#: (2.6) A how-to as the title's product (a guide, a tutorial, a course) that names blank e-KTPs or printing
#: onto them teaches making one: "Tutorial membuat e-KTP dari blanko kosong", "Kursus online bikin e-KTP" /
#: "cetak di blanko kosong".  A guide naming neither ("Tips merawat e-KTP", "Panduan urus KTP hilang") stays one.
_HOWTO_MAKE_ID = Rule("howto_make_id", "related", "related_core", 60, _p("<NEGHOWTO>"),
                      why="a guide, tutorial or course about making an e-KTP from blanks: a forger's tool")
#: (2.7) Population documents listed over clauses as the goods ("Dokumen: KTP, KK, akta, surat pindah"): the
#: in-clause ``document_list`` written with commas.  A list a requirement heading opens is asked of the buyer
#: (its hits carry the cue), and a clause naming anything else (a service, a holder, a copy shop) ends the run.
DOCUMENT_SET = Rule("document_set", "related", "related_core", 55, _p("<CIVILTERM>"),
                    why="population documents listed over clauses as the goods (KTP, KK, akta …)")
#: Distinct documents a run of clauses must name.
DOCUMENT_SET_SIZE = 3
#: What says such a list is made for the buyer, not papers kept or brought ("Organizer dokumen: KK, akta,
#: buku nikah", "Dokumen dari klien: KTP, KK, NPWP"): done, fast, the office skipped, data to order, passing as real.
_DOCUMENT_SET_SIGNALS = frozenset(_RULE_INDEX[name] for name in ("done_word", "speed_word", "fast_track", "custom_data", "usable_claim"))


#: Rules judged over the whole listing, indexed from len(RULES) on: the co-occurrences, the how-to, the document set.
#: (2.8) Identity papers named one by one as the goods where the listing names its product ("KTP + NPWP + rekening",
#: "KTP + rekening + SIM card"): a person's papers sold as a set (:func:`matchers.identity_set.identity_set`).
IDENTITY_SET = Rule("identity_set", "related", "related_core", 60, _p("<IDTERM>|<KK>"),
                    why="identity papers named one by one as the goods (KTP + NPWP + rekening)")
_LISTING_RULES = (*(rule for rule, _, _ in _CO_OCCURRENCES), _HOWTO_MAKE_ID, DOCUMENT_SET, IDENTITY_SET)
_HOWTO_INDEX = len(RULES) + len(_CO_OCCURRENCES)
_DOCUMENT_SET_INDEX = _HOWTO_INDEX + 1
_IDENTITY_SET_INDEX = _HOWTO_INDEX + 2
_HOWTO_NEGATIVE = _RULE_INDEX["neg_howto"]
_DEMAND_APART = len(RULES) + next(i for i, (rule, _, _) in enumerate(_CO_OCCURRENCES) if rule.name == "blank_demand_in_listing")


def _rule_of(index: int) -> Rule:
    """A rule by index; indexes from len(RULES) on (negated in groups) are listing rules (:data:`_LISTING_RULES`)."""
    index = abs(index)
    return RULES[index] if index < len(RULES) else _LISTING_RULES[index - len(RULES)]


def _channel_of(index: int) -> str:
    return _CHANNELS[abs(index)]


#: Per rule and co-occurrence index, read once (a listing's judgement asks them of every reason).
_CHANNELS = tuple(_rule_of(i).channel for i in range(len(RULES) + len(_LISTING_RULES)))
_USABLE_AT = frozenset(i for i in range(len(_CHANNELS)) if _rule_of(i).name in _USABLE_RULES)
_TRADED_AT = frozenset(i for i in range(len(_CHANNELS)) if _rule_of(i).name in _TRADE_RULES | _CUSTOM_DATA_RULES)
_KIT_AT = frozenset(i for i in range(len(_CHANNELS)) if _rule_of(i).name in _KIT_RULES)
_DESCRIBED_AT = frozenset(i for i in range(len(_CHANNELS)) if _rule_of(i).name in _DESCRIBED_RULES)

#: What a sentence cue says a clause is about.
CUE_LABELS = {
    "CUECOD": "COD", "CUESHIP": "shipping", "CUEPAY": "payment", "CUEPACK": "packing",
    "CUESTORE": "store-hours", "CUEPOLICY": "store-policy", "CUEGREET": "greeting",
    "CUEBONUS": "bonus/add-on", "CUEXSELL": "cross-selling", "CUEREQ": "buyer-requirement", "CUEUSE": "usage",
    "CUEREQAFTER": "buyer-requirement", "CUEWANT": "wanted-advert", "CUENEED": "wanted-advert", "CUEBUY": "buying-up",
    "CUEWARN": "warning", "CUEREPORT": "report", "CUEREPORTED": "report", "CUEOTHERS": "report", "CUETAGS": "tag-list",
    "CUEVARIANT": "variant-list",
}
#: (2.5) A buyer's wanted advert ("Dicari blanko e-KTP", "Butuh blanko e-KTP"): blank evidence after it
#: is asked for, not on offer.  Seeking asked as a question ("Cari blanko e-KTP? Ready kak") is a seller's
#: opening (``_SEEKING_CUES``); "Siapa punya blanko e-KTP?" stays a buyer's question.
_WANTED_CUES = frozenset({"CUEWANT", "CUENEED", "CUEBUY"})
#: (2.6) Buying asked as a question ("Mau beli blanko e-KTP? Langsung checkout") opens an offer too.
_SEEKING_CUES = frozenset({"CUENEED", "CUEBUY"})
#: Cues after which nothing is on offer, positive evidence included: "Syarat: foto KTP +
#: selfie", "Jaminan KTP asli" ask the buyer for a KTP, they do not sell one.
_REQUIREMENT_CUES = frozenset({"CUEREQ", "CUEREQAFTER"})
#: (2.7) After a warning against touts or cheats ("Waspada calo yang menawarkan KTP jadi atau blangko") every
#: word of its clause is what the reader is warned of: an office's notice, no offer.  (2.8) After a report,
#: a discussion or a question of cause ("Polisi mengamankan pria yang menjual blangko", "Kenapa blangko KTP
#: sering kosong?") every word of its clause is what the poster tells of: news, a forum, no offer.
_TOLD_OF_CUES = {"CUEWARN": "warned against", "CUEREPORT": "reported or discussed", "CUEREPORTED": "reported or discussed",
                 "CUEOTHERS": "told of as someone else's act"}
#: Cues after which a sale word offers nothing: the buyer's terms, a usage, a wanted advert, and whatever is told of.
_NOT_ON_OFFER = frozenset({"CUEREQ", "CUEREQAFTER", "CUEUSE", "CUEWANT", "CUENEED", "CUEBUY"}) | frozenset(_TOLD_OF_CUES)
#: A report said after what it tells of ("Gudang blangko e-KTP digerebek"): governs what it follows this close too.
_REPORTED_AFTER = "CUEREPORTED"
#: (levers10) The cue whose discount a seller's voice lifts: a report, discussion or question heading its clause.
_HEAD_CUE = "CUEREPORT"
_HEAD_CUE_TOKEN = f"{_HEAD_CUE}="
#: Cues that govern the rest of their clause, not only up to the next cue: what the buyer must bring, and
#: what is warned of or reported ("… menjual blangko kosong, bisa COD" reports the COD too, 2.8).
_CLAUSE_CUES = _REQUIREMENT_CUES | frozenset(_TOLD_OF_CUES)
#: Tags that show the seller offering or dealing ("Jual", "Ready", "transfer dulu", "dikirim"): a
#: clause or list holding one is the seller's terms, not what the buyer brings.
_OFFER_TAGS = frozenset({"SALE", "CUEPAY", "CUESHIP", "USABLEID"})
#: Cues after which words found apart are not the product.  A bonus is on offer too
#: ("Writer chip KTP" / "bonus 20 chip kosong" is a kit), so CUEBONUS is not one, nor is
#: a usage cue ("verified pakai KTP asli" names the KTP of an account on offer).
#: (2.10) A variant list offers each of its items ("Varian: ribbon / ktp-el kosong"), as a bonus does.
_NOT_OFFERED_APART = frozenset(CUE_LABELS) - {"CUEBONUS", "CUEUSE", "CUEVARIANT"}
#: Blank evidence after a usage cue is a material a service uses ("Cetak KTP el pakai
#: blanko ori": the product is a printed KTP), not a blank on offer.
_USAGE_CUE = "CUEUSE"
#: In a title, "gratis ongkir" or "COD" decorate the product ("[FREE ONGKIR] Casing e-KTP"):
#: only an add-on, a cross-sell or a usage cue ("… bisa diprint pakai printer kartu") says
#: the words after it are not the product.
_TITLE_CUES = frozenset({"CUEBONUS", "CUEXSELL", "CUEUSE"})
#: Tags of an ID term: a hard negative within two tokens of one is attached to it.
_ID_TAGS = frozenset({"KTP", "EKTP", "IDMATERIAL", "SIZEKTP", "TYPEKTP", "FORGE", "READYID", "PRINTEDID", "KARTU", "CHIP", "KK", "AKTA",
                     "KIA", "CIVILDOC", "OTHERDOC"})
_NEGATION_REACH = 2  # a negation covers this many tokens after it ("bukan kartu PVC")
#: ... and a hard negative this many words past it besides other products ("bukan kartu ATM atau kartu member")
_LIST_NEGATION_REACH = 4
_ATTACH_REACH = 2
#: (2.8) a sale denied or a report said this many tokens after what it names ("Blanko KTP memang tidak dijual",
#: "Gudang blangko e-KTP digerebek") denies it or tells of it
_DENIAL_REACH = 3
_SALE_DENIALS = frozenset({"NOTSOLD", "NOTFORSALE"})

#: Untagged words in a row beyond the widest gap a rule allows (``{0,n}`` words
#: between two tags) can be shortened to this many in a field's shape without
#: changing what any rule matches, what a negation covers or what is attached.
_SHAPE_GAP = 1 + max(_NEGATION_REACH, _LIST_NEGATION_REACH, *(int(n) for rule in RULES for n in re.findall(r"\{0,(\d+)\}", rule.pattern.pattern)))
_SHAPE_CACHE_SIZE = 16_384
_RULE_TAGS = tuple((rule, rule.tags) for rule in RULES)
#: Where one clause ends and the next begins: these strings (a full stop or comma
#: only before a space, so "Rp 150.000", "85,6" and "e-KTP" stay whole; a colon
#: introduces its clause: "Syarat: foto KTP", "Isi: blangko e-KTP").
#: str.replace is half a regex split's cost.
_BREAK = "\x00"
_BREAK_MARKS_ASCII = (". ", ", ", " - ", " / ", " | ", "+ ", "\n", ";", "!", "?")
_BREAK_MARKS = (*_BREAK_MARKS_ASCII, " \u2013 ", " \u2014 ", "\u2022")


class Hit(NamedTuple):
    """One occurrence of a rule in a clause: the words, and what may discount it.

    A named tuple, not a dataclass: listings' hits are hashed as the key of
    the cached judgement, and tuples hash in C.
    """

    rule: int
    matched: str
    negator: str  # the negating word ("bukan"), or ""
    cue: str  # the sentence-cue tag before it in the clause ("CUECOD"), or ""
    attached: bool  # next to an ID term (or holds one)
    first: int  # the match's first and last token in the clause's shape
    last: int
    beneath: str = ""  # (levers10) under a report or question cue: the cue it stands under without it, or ""


def _hit_with_cue(hit: Hit, cue: str) -> Hit:
    """``hit._replace(cue=cue)``, without the named tuple's ``_replace`` and ``_make`` (Python
    calls that cost ten times building the tuple)."""
    return tuple.__new__(Hit, (hit[0], hit[1], hit[2], cue, hit[4], hit[5], hit[6], hit[7]))


def _hit_with_matched(hit: Hit, matched: str) -> Hit:
    """``hit._replace(matched=matched)``, as :func:`_hit_with_cue`."""
    return tuple.__new__(Hit, (hit[0], matched, hit[2], hit[3], hit[4], hit[5], hit[6], hit[7]))


def _tag_of(token: str) -> str:
    return token[: token.index("=")] if "=" in token else ""


@lru_cache(maxsize=_SHAPE_CACHE_SIZE)
def _rules_in_shape(shape: str) -> tuple[tuple[int, int, int, int, int, bool], ...]:
    """Every match of every rule in a clause's shape, in rule order:
    (rule index, first token, last token, negator token or −1, cue token or −1, attached)."""
    # a shape's tokens are "TAG=" or "_" (:func:`lexicon.outline`) joined by single spaces: its tags
    # in place, "" for a gap, by two replaces and a split, not a call per token
    shape_tags = shape.replace("=", "").replace("_", "").split(" ")
    tags = frozenset(shape_tags)
    if tags.isdisjoint(_ALL_RULE_TAGS):
        return ()
    cues = _cues_in(shape_tags)
    # a shape without a negation, a sale denied or a cue (most) has none to look for around each match
    negations = "NOT" in tags or not _SALE_DENIALS.isdisjoint(tags)
    nots = _nots_in(shape_tags) if negations else _NO_NOTS
    fired = []
    spaces: list[int] = []  # where the shape's spaces stand, found once on the first match: counting them again before
    # each match took quadratic time on a clause of thousands of matches ("ambil ktp " * 20000: 1.4 s)
    for index in sorted({index for tag in tags for index in _RULES_OF_TAG.get(tag, ())}):  # in rule order
        held = _HELD_BY_MATCHES[index]
        if held and not all(map(shape.__contains__, held)):
            continue  # a string every match holds is missing: the regex cannot match
        rule = RULES[index]
        for match in rule.pattern.finditer(shape):
            if not spaces:
                spaces = [at for at, char in enumerate(shape) if char == " "] or [len(shape)]
            first = bisect_left(spaces, match.start())
            last = first + match.group(0).count(" ")
            negator = _negation_of(shape_tags, nots, rule, first, last) if negations else -1
            cue = _cue_of(shape_tags, cues, index, first, last) if cues.at else -1
            if cue < 0 and cues.at and rule.channel != "negative" and first < cues.at[-1]:
                cue = _told_of_inside(shape, shape_tags, rule, first, last)
            near = shape_tags[max(0, first - _ATTACH_REACH) : first] + shape_tags[last + 1 : last + 1 + _ATTACH_REACH]
            fired.append((index, first, last, negator, cue, not _ID_TAGS.isdisjoint(near)))
    return _negated_through_overlap(fired) if "NOT" in tags else tuple(fired)


#: (relrec15) Rules whose match holds a "without" it reads ("NPWP tanpa KTP"): that word denies none of it.
_READS_ITS_NOT = frozenset({"document_without_papers"})


def _negation_of(shape_tags: list[str], nots: _Nots, rule: Rule, first: int, last: int) -> int:
    """The token of the negation denying a match from ``first`` to ``last``, or −1 (a shape holding a NOT or a
    sale denied: "Blanko KTP tidak dijual" denies the sale of what it names, 2.8)."""
    negator = _negator_of(nots, first, rule.channel == "negative")
    if negator < 0 and rule.channel != "negative" and "NOT" in shape_tags[first + 1 : last] and rule.name not in _READS_ITS_NOT:
        negator = shape_tags.index("NOT", first + 1, last)  # "blank PVC card, not e-KTP": the pair is denied
    if negator < 0 and rule.channel != "negative":
        negator = next((i for i in range(last + 1, min(last + 1 + _DENIAL_REACH, len(shape_tags)))
                        if shape_tags[i] in _SALE_DENIALS), -1)  # (2.8) "Blanko KTP tidak dijual": its sale is denied
    return negator


def _cue_of(shape_tags: list[str], cues: _Cues, index: int, first: int, last: int) -> int:
    """The token of the sentence cue a match of rule ``index`` from ``first`` to ``last`` stands under, or −1
    (a shape holding a cue: every tag CUEREQ, CUEREQAFTER, CUEREPORTED and CUEUSE looked for here is one of ``cues``)."""
    rule = RULES[index]
    cue = _cue_before(cues, first)
    if cue < 0 and rule.channel != "negative" and "CUEREQ" in shape_tags[first + 1 : last]:
        cue = shape_tags.index("CUEREQ", first + 1, last)  # "akun gojek, siapkan KTP": the buyer's KTP
    if cue < 0 and rule.channel == "related" and not cues.offered:
        cue = _asked_after(cues, last)  # "data KTP pemilik diperlukan": asked, not sold
    if cue < 0 and rule.channel != "negative" and _REPORTED_AFTER in shape_tags[last + 1 : last + 1 + _DENIAL_REACH]:
        cue = shape_tags.index(_REPORTED_AFTER, last + 1)  # (2.8) "Gudang blangko e-KTP digerebek": what a report tells of
    if index in _BLANK_WORD_RULES and "CUEUSE" in shape_tags[first + 1 : last]:
        cue = shape_tags.index("CUEUSE", first + 1, last)  # "cetak KTP el pakai blanko": a material used
    return cue


def _told_of_inside(shape: str, shape_tags: list[str], rule: Rule, first: int, last: int) -> int:
    """The token of a warning or report cue inside a match from ``first`` to ``last`` whose words before the cue
    do not match on their own, or −1 (precision10).  A rule's reach ("KTP-el … palsu" four words apart) can span a
    report of someone else ("KTP-el awas oknum yang menawarkan barang palsu"): what it needs after the cue is told
    of, while a match complete before the cue ("e-KTP blanko", then "banyak akun yang ngaku jual blanko") stands."""
    told = next((i for i in range(first + 1, last) if shape_tags[i] in _TOLD_OF_CUES), -1)
    if told < 0:
        return -1
    before = " ".join(shape.split(" ")[first:told])
    return -1 if rule.pattern.search(before) else told


def _negated_through_overlap(fired: list[tuple[int, int, int, int, int, bool]]) -> tuple[tuple[int, int, int, int, int, bool], ...]:
    """Positive matches sharing a token with a negated one negated by the same word (2.6): one negation denies a
    whole phrase, so in "Jangan tergiur iklan blanko e-KTP kosong" the "e-KTP kosong" of the denied "blanko e-KTP"
    is denied too, though it starts past the negation's reach."""
    denied = [(first, last, negator) for index, first, last, negator, _, _ in fired
              if 0 <= negator < first and RULES[index].channel != "negative"]  # denied by a word before it
    if not denied:
        return tuple(fired)
    starting: dict[int, list[tuple[int, int, int]]] = {}  # first token -> (order, last token, negator) of denied matches
    for order, (start, end, by) in enumerate(denied):
        starting.setdefault(start, []).append((order, end, by))
    reach = max(end - start for start, end, _ in denied)
    out = []
    for index, first, last, negator, cue, attached in fired:
        if negator < 0 and RULES[index].channel != "negative":
            negator = _denier_of(starting, reach, first, last)
        out.append((index, first, last, negator, cue, attached))
    return tuple(out)


def _denier_of(starting: dict[int, list[tuple[int, int, int]]], reach: int, first: int, last: int) -> int:
    """The negator of the first denied match (in rule order) sharing a token with ``first``..``last`` and denied by a
    word before ``first``, or −1.  A denied match spans at most ``reach`` tokens past its first, so only those starting
    from ``first - reach`` to ``last`` are looked at, not every denied match for each match: a clause of thousands of
    denied phrases took quadratic time ('bukan blanko e-ktp kosong ' * 5000: 1.8 s)."""
    best, negator = -1, -1  # the order and negator of the first found; every negator is a token, >= 0
    for start in range(max(0, first - reach), last + 1):
        for order, end, by in starting.get(start, ()):
            if first <= end and by < first and (negator < 0 or order < best):
                best, negator = order, by
    return negator


_ALL_RULE_TAGS = frozenset().union(*(tags for _, tags in _RULE_TAGS))
#: tag -> the rules that need it: a shape is matched by the rules of its tags only, not
#: every rule tested for its tags (a clause's few tags name a tenth of the rules).
_RULES_OF_TAG: dict[str, tuple[int, ...]] = {
    tag: tuple(index for index, (_, tags) in enumerate(_RULE_TAGS) if tag in tags) for tag in _ALL_RULE_TAGS}
#: rule -> strings every match of its regex holds, beyond the tag that selected it
#: (:mod:`matchers.regex_literals`): "KTP=" of a rule near "BLANGKO=" and "KTP=".
_HELD_BY_MATCHES: tuple[tuple[str, ...], ...] = tuple(
    tuple(held for held in required_strings(rule.pattern) if len(tags) > 1 or held != f"{next(iter(tags), '')}=")
    for rule, tags in _RULE_TAGS)


class _Cues(NamedTuple):
    """A clause's sentence cues, found once per shape, not looked for again around each match (on a clause of
    thousands of matches that took quadratic time): their tokens in order, the first of them that governs the rest of
    its clause (−1 if none; see :func:`_cue_before`), the tokens of a requirement said after what it asks for
    (CUEREQAFTER), and whether the clause holds a tag of the seller offering (``_OFFER_TAGS``)."""

    at: list[int]
    head: int
    asked_after: list[int]
    offered: bool


def _cues_in(shape_tags: list[str]) -> _Cues:
    """The cues of a shape's tags (every tag starting "CUE")."""
    at = [i for i, tag in enumerate(shape_tags) if tag.startswith("CUE")]
    return _Cues(at, next((i for i in at if shape_tags[i] in _CLAUSE_CUES), -1),
                 [i for i in at if shape_tags[i] == "CUEREQAFTER"], not _OFFER_TAGS.isdisjoint(shape_tags))


def _asked_after(cues: _Cues, last: int) -> int:
    """The token of the first requirement said after ``last`` ("… diperlukan"), or −1: a bisect, not a search of the
    rest of the clause for each match ('data ktp ' * 10000 + 'diperlukan' took 2.5 s, quadratic)."""
    after = bisect_right(cues.asked_after, last)
    return cues.asked_after[after] if after < len(cues.asked_after) else -1


def _cue_before(cues: _Cues, first: int) -> int:
    """The token of the sentence cue a match starting at ``first`` stands under, or −1.

    A buyer-requirement, warning or report cue governs the rest of its clause (2.8); any other cue governs up to the
    next one: in "konsultasi gratis, kami juga menjual kaos polos" run on, "polos" is
    cross-sold, not a free add-on (2.5; 2.4 took the clause's first cue).  So the first governing cue before the
    match wins, else the last cue before it: read from the clause's first governing cue and a bisect, not by walking
    every cue before each match (a clause of thousands of cue words, "varian KTP kosong " * 20000, took 27 s)."""
    if 0 <= cues.head < first:
        return cues.head
    before = bisect_left(cues.at, first)
    return cues.at[before - 1] if before else -1


class _Nots(NamedTuple):
    """A clause's negations, found once per shape (a shape holding a NOT or a sale denied): their tokens in order, and
    for each token how many before it are neither a negation nor a hard negative's product (NEG…), the steps a
    negation covering a list counts."""

    at: list[int]
    steps_before: list[int]


_NO_NOTS = _Nots([], [0])


def _nots_in(shape_tags: list[str]) -> _Nots:
    """The negations of a shape's tags."""
    steps_before = [0]
    for tag in shape_tags:
        steps_before.append(steps_before[-1] + (tag != "NOT" and not tag.startswith("NEG")))
    return _Nots([i for i, tag in enumerate(shape_tags) if tag == "NOT"], steps_before)


def _negator_of(nots: _Nots, first: int, listed: bool) -> int:
    """The token of the negation covering the match starting at ``first``, or −1.

    A negation covers ``_NEGATION_REACH`` tokens after it.  For a hard negative,
    other products listed between it and the negation are passed over, so one
    negation covers a list: "bukan buku atau majalah", "tidak termasuk casing dan
    dompet" deny the magazine and the wallet too.  The nearest negation before the match is found by a bisect and the
    steps to it counted by a difference, not by walking back over the list from each match: a long list of products
    after one negation took quadratic time ('dompet ' * 10000 + ' bukan blanko': 4.6 s).
    """
    before = bisect_left(nots.at, first)
    if not before:
        return -1
    nearest = nots.at[before - 1]
    if listed:
        steps = nots.steps_before[first] - nots.steps_before[nearest + 1]
        return nearest if steps < _LIST_NEGATION_REACH else -1
    return nearest if first - 1 - nearest < _NEGATION_REACH else -1


@lru_cache(maxsize=READINGS_KEPT)
def _hits_in_clause(text: str) -> tuple[Hit, ...]:
    """Every rule occurrence in one clause's text.  Cached by text: scans see the
    same sentences ("Bisa COD", "Ready stok") again and again."""
    words = normal_words(read_by_sound(text))
    canonical = canonical_of_words(words)
    tagged = outline(canonical, _SHAPE_GAP)
    if not tagged.shape:
        return ()
    tokens, where = tagged.tokens, tagged.where
    hits = _hits_in_outline(" ".join([tokens[i] for i in where]), tagged.shape)
    if _NEGATIVE_RULES.isdisjoint([hit.rule for hit in hits]) or canonical == words or len(canonical) != len(words):
        return hits  # no hard negative to name as written, it is as written, or words were joined or split
    return _as_written(hits, words, tokens, where)


def _as_written(hits: tuple[Hit, ...], words: list[str], tokens: list[str], where: list[int]) -> tuple[Hit, ...]:
    """Hits naming the words as the seller wrote them ("tempat", "blangko"), not their
    canonical spellings ("dompet", "blanko").  Done for clauses with a hard negative,
    so a discounted one reads "'tempat' in a COD sentence"; positive evidence keeps
    canonical words (rewriting every clause cost a tenth of the throughput)."""
    start = [0]  # word offset of each token, then of the end
    for token in tokens:
        start.append(start[-1] + (token.count("_") + 1 if "=" in token else 1))
    return tuple(_hit_with_matched(hit, " ".join(words[start[where[hit.first]] : start[where[hit.last] + 1]]))
                 for hit in hits)


@lru_cache(maxsize=READINGS_KEPT)
def _hits_in_outline(kept: str, shape: str) -> tuple[Hit, ...]:
    """The hits of a clause's kept tokens (one per shape token; no rule spans a
    shortened gap, so what a rule matched is among them).  Cached: clauses that
    differ only in words outside every rule ("… 12pcs", "… Rp 50.000") share it."""
    fired = _rules_in_shape(shape)
    if not fired:
        return ()
    tokens = kept.split()
    hits = []
    for index, first, last, negator, cue, attached in fired:
        needs = RULES[index].words
        if needs is not None and needs.search(" ".join(tokens[first : last + 1])) is None:
            continue  # its words are not the ones the rule reads (a bare "kosong", not "belum ada data")
        matched = plain_words(" ".join(tokens[first : last + 1]))
        words = matched.split()
        hits.append(tuple.__new__(Hit, (  # Hit(...) without the named tuple's __new__, a Python call per hit
            index,
            matched,
            plain_words(tokens[negator]) if negator >= 0 else "",
            _tag_of(tokens[cue]) if cue >= 0 else "",
            attached or "ktp" in words or "ektp" in words,
            first,
            last,
            _cue_beneath(shape, index, first, last) if cue >= 0 and tokens[cue].startswith(_HEAD_CUE_TOKEN) else "",
        )))
    return tuple(hits)


@lru_cache(maxsize=8)
def _tags_beneath(shape: str) -> tuple[list[str], _Cues]:
    """(a shape's tags with its head cue read past, the cues left, :class:`_Cues`): built once per shape, not once per
    hit beneath the cue (a clause of thousands of hits under one cue took seconds).  Read only, never changed."""
    shape_tags = ["" if tag == _HEAD_CUE else tag for tag in shape.replace("=", "").replace("_", "").split(" ")]
    return shape_tags, _cues_in(shape_tags)


def _cue_beneath(shape: str, index: int, first: int, last: int) -> str:
    """The cue a match of rule ``index`` stands under once a report, discussion or question cue is read past (levers10):
    "Mau tanya siapa punya blangko?" is still a buyer's wanted advert, "Diskusi: bisa COD blanko" a COD sentence."""
    shape_tags, cues = _tags_beneath(shape)
    cue = _cue_of(shape_tags, cues, index, first, last)
    return shape_tags[cue] if cue >= 0 else ""


#: A full stop after a lone letter ends a spelled-out word ("K.T.P. .e.l"), not a sentence.
_SPELLED_STOP = re.compile(r"(?<![^\W_])([^\W\d_])\. ")
#: Three or more single characters with a full stop and spaces between them ("e . k . t . p",
#: "b. l. a. n. k. o"): one word spelled out, whose dots end no sentence.
_SPELLED_WITH_STOPS = re.compile(r"(?<![^\W_])[^\W_](?: ?\. ?[^\W_](?![^\W_])){2,}")
#: What every such run holds: a lone character between two full stops (". k ."); led by the full
#: stop, which the regex engine finds fast, it spares the run's search in most texts with sentences.
_DOT_LETTER_DOT = re.compile(r"\. ?[^\W_](?![^\W_]) ?\.")


#: A spaced " - " between two single characters joins the halves of a word spelled out letter by
#: letter ("b e r - c h i p"), it ends no clause (2.5).
_SPELLED_DASH = re.compile(r"(?<![^\W_])([^\W_]) - ([^\W_])(?![^\W_])")
#: (2.10) So does a spaced " / " between two words spelled out ("d i p a k a i / d i c e t a k": "dipakai/dicetak"
#: spaced), two single characters on either side, so a size list ("S / M / L") still ends its clauses.
_SPELLED_SLASH = re.compile(r"((?<![^\W_])[^\W_] [^\W_]) / ([^\W_] [^\W_](?![^\W_]))")


def _spelled_without_stops(run: re.Match[str]) -> str:
    """A spelled run's spaced full stops made spaces; a run dotted tight ("p.e.r.s.o") ends no
    clause and keeps its dots, which tell its last letter from a word after it ("…s.i e-KTP")."""
    spelled = run.group(0)
    return spelled.replace(".", " ") if " " in spelled else spelled


def _lone_letter_stop(text: str) -> bool:
    """Whether a piece of one or two letters stands before some ". " ("b. l-a", "bl. an-ko"): maybe
    a word spelled in pieces, found without a regex scan of every text that holds a full stop."""
    at = text.find(". ")
    while at > 0:
        start = at - 1
        if text[start].isalpha():
            if start and text[start - 1].isalpha():
                start -= 1
            if start == 0 or not text[start - 1].isalnum():
                return True
        at = text.find(". ", at + 2)
    return False


def _without_spelled_stops(text: str) -> str:
    """The text with the full stops of spelled-out words ("K.T.P. .e.l", "e . k . t . p") made
    spaces, so they end no clause; the same object when there is none."""
    stops = text.count(". ")
    if stops and text.count(".") > stops + 2 and _SPELLED_STOP.search(text):  # dots inside words: maybe spelled
        text = _SPELLED_STOP.sub(r"\1 ", text)
    if stops >= 2 and _DOT_LETTER_DOT.search(text) and _SPELLED_WITH_STOPS.search(text):
        text = _SPELLED_WITH_STOPS.sub(_spelled_without_stops, text)
    if stops and _lone_letter_stop(text):  # maybe a word spelled with mixed separators ("b. l-a n.k o", "bl. an-ko")
        text = join_mixed_spelling(text)
    if " - " in text and _SPELLED_DASH.search(text):  # "b e r - c h i p": one word's hyphen, spaced (2.5)
        text = _SPELLED_DASH.sub(r"\1-\2", text)
    if " / " in text and _SPELLED_SLASH.search(text):
        text = _SPELLED_SLASH.sub(r"\1/\2", text)
    return text


#: A numbered item of a list ("1) stempel 2) map 3) blangko e-KTP"): each item is a clause of its own (2.5).
_NUMBERED_ITEM = re.compile(r"(?<!\S)\d{1,2}\) ")


def clauses(text: str) -> list[str]:
    """A field's text cut into clauses (sentence ends, commas, bullets, numbered items, " - ", "+")."""
    return _cut(_without_spelled_stops(text))


def _cut(text: str) -> list[str]:
    """:func:`clauses` of a text whose spelled-out words' full stops are spaces already."""
    if ") " in text:
        text = _NUMBERED_ITEM.sub(_BREAK, text)
    for mark in _BREAK_MARKS_ASCII if text.isascii() else _BREAK_MARKS:
        if mark in text:
            text = text.replace(mark, _BREAK)
    return text.split(_BREAK)


#: Links and @handles: contact details (extracted as identifiers), not product words
#: ("t.me/ktpel_murah" says nothing about what is sold).
#: Strings one of which every link or handle holds ("Rp 150.000/pcs" holds none).
_LINK_HINTS = ("@", "://", "www.", ".me/", ".com/", ".id/", ".net/", ".org/", ".ly/")
_LINK = re.compile(r"(?:https?://|www\.)\S+|[\w.-]+\.(?:me|com|id|net|org|ly)/\S*|(?<![\w@])@\s?[\w.]+(?:/\S*)?")


#: A number standing alone, or a quantity ("150", "2024", "50pcs", "100rb"): two or
#: more ASCII digits and at most four letters, no word character either side.  Such
#: a word is never a phrase word (checked below), its spelling is itself, and it
#: is one word whatever its digits, so every such number can be read as one
#: placeholder word without changing a tag, a rule, a negation or a scope.
#: The first digit leads the pattern and the look-behind (no word character before it) follows
#: it, so the regex engine jumps from digit to digit: a leading look-behind is tried at every
#: character, twice the cost on a long description (a test holds both forms equal).
_NUMBER = re.compile(r"[0-9](?<!\w[0-9])[0-9]+[A-Za-z]{0,4}(?!\w)")
_NUMBER_WORD = "zqnumz"
if any(_NUMBER.fullmatch(word) for word in PHRASE_WORDS) or _NUMBER_WORD in PHRASE_WORDS:
    raise ValueError("a phrase word looks like a number: _rules_in_field may not read numbers as one placeholder")


def _placeholder(number: re.Match[str]) -> str:
    """The placeholder word for a number or quantity, or the word as written when the
    lexicon reads it as a word in leetspeak ("514P" is siap, "4KUN" akun, "100rb" a price)."""
    written = number.group(0)
    if written.isdigit():
        return _NUMBER_WORD
    return written if _reads_as_word(written.lower()) else _NUMBER_WORD


@lru_cache(maxsize=4096)
def _reads_as_word(quantity: str) -> bool:
    """Whether the lexicon spells a quantity-like word as another word (cached: "100rb", "50pcs" recur)."""
    return canonical_of_words([quantity]) != [quantity]


def _numberless(text: str) -> str:
    """The text with each number as the placeholder word, or as written where the lexicon reads
    it as a word in leetspeak ("514P"); the same object when there is no number.  One pass, each
    number decided by a call: 2.5 first listed the quantities with a second regex, and asked the
    lexicon about each of them just the same when none read as a word (test_speed_paths holds
    the two equal)."""
    return _NUMBER.sub(_placeholder, text)


@lru_cache(maxsize=READINGS_KEPT)
def _rules_in_field(text: str) -> tuple[tuple[int, tuple[Hit, ...]], ...]:
    """(clause number, hits) of every clause of a field in which some rule fires.

    Scans see the same titles and descriptions again and again with other
    prices, counts and codes ("Harga Rp 150.000", "isi 50 pcs"): the field is
    read with each number as one placeholder word, so those share one
    reading (see ``_NUMBER``).  Where a rule's match spans a number, the
    reason must show it as written, so that field is read as it is.
    """
    numberless = _numberless(text)
    if numberless is not text:
        found, spans_number = _rules_in_numberless(numberless)
        if not spans_number:
            return found
    return _rules_in_text(text)


@lru_cache(maxsize=READINGS_KEPT)
def _rules_in_numberless(text: str) -> tuple[FieldRules, bool]:
    """:func:`_rules_in_text` of a text with numbers as placeholders, and whether a rule's
    match spans one (then the field is read as written): both cached, as fields that differ
    only in prices and codes come again and again."""
    found = _rules_in_text(text)
    return found, any(_NUMBER_WORD in hit.matched for _, hits in found for hit in hits)


@lru_cache(maxsize=READINGS_KEPT)
def _rules_in_text(text: str) -> tuple[tuple[int, tuple[Hit, ...]], ...]:
    """:func:`_rules_in_field` of a text as it is: cached by field, and each clause by its text."""
    if ("/" in text or "@" in text) and any(map(text.__contains__, _LINK_HINTS)) and _LINK.search(text):
        text = _LINK.sub(" ", text)
    stopped = _without_spelled_stops(text)  # as clauses() reads it, so lists are found in it
    # clauses() would make them spaces once more: nothing to do when there were none
    parts = _cut(text) if stopped is text else clauses(stopped)
    text = stopped
    if len(parts) == 1:
        hits = _hits_in_clause(text)
        return _shared_reading(((0, hits),)) if hits else ()
    kept = list(filter(None, parts))
    found = list(map(_hits_in_clause, kept))
    asks = any(RULES[hit.rule].channel == "related" and not hit.cue for hits in found for hit in hits)
    tags = ("#" in text or ":" in text) and any(found)  # a cheap test first: a tag list has a heading or hashtags
    runs = _list_runs(text, kept) if asks or tags else None  # one reading of the lists serves both
    if runs is not None and asks:
        found = _asked_in_lists(runs, kept, found)
    if runs is not None and tags:
        found = _tag_lists(runs, kept, found)
    if "?" in text and any(hit.cue in _SEEKING_CUES or hit.beneath in _SEEKING_CUES or hit.rule in _WANTED_RULES
                           for hits in found for hit in hits):
        found = _questions_unwanted(text, kept, found)
    return _shared_reading(tuple(zip(compress(range(len(found)), found), filter(None, found), strict=True)))


def _questions_unwanted(text: str, kept: list[str], found: list[tuple[Hit, ...]]) -> list[tuple[Hit, ...]]:
    """Seeking in a clause the seller asks as a question ("Cari blanko e-KTP? Ready kak", "Butuh
    blanko e-KTP?") opens an offer: its clause is read without that cue (2.5).  Who has them
    ("Siapa punya blanko e-KTP?") is still a buyer asking."""
    out, position = [], 0
    for part, hits in zip(kept, found, strict=True):
        at = text.find(part, position)
        if at < 0:
            return found  # the text was rewritten before it was cut: read as it is
        position = at + len(part)
        if text.startswith("?", position) and "CUEWANT" not in _tags_in(part):
            hits = tuple(_hit_with_cue(hit, "") if hit.cue in _SEEKING_CUES else hit._replace(beneath="")
                         if hit.beneath in _SEEKING_CUES else hit for hit in hits if hit.rule not in _WANTED_RULES)
        out.append(hits)
    return out


#: Clause breaks inside one sentence: a list of what the buyer brings runs across them.
_LIST_BREAKS = (", ", " / ", " - ", "+ ", " \u2013 ", " \u2014 ", "\u2022")


@lru_cache(maxsize=4096)
def _tags_in(words: str) -> frozenset[str]:
    """The tags in some words ("Persyaratan" -> CUEREQ)."""
    return frozenset(filter(None, map(_tag_of, outline(canonical_of_words(normal_words(words)), 1).tokens)))


def _list_runs(text: str, kept: list[str]) -> list[list[int]] | None:
    """The clauses of ``kept`` grouped into runs that list breaks join (one sentence's list), or None when
    the text was rewritten before it was cut (spelled-out words), so no clause can be found in it."""
    runs: list[list[int]] = [[]]
    position = 0
    for index, part in enumerate(kept):
        at = text.find(part, position)
        if at < 0:
            return None
        position = at + len(part)
        runs[-1].append(index)
        if not text.startswith(_LIST_BREAKS, position):
            runs.append([])
    return runs


#: (2.8) A heading that opens a list of search words ("Tag: holder ktp, blanko ktp, …", "Kata kunci: …").
#: (tags13) Also "Label:", "Pencarian terkait:", "Keyword pencarian:", "Tag produk:", and "Cari:" (:data:`_SEARCH_HEADING`).
_TAG_HEADING = re.compile(r"^\W*(?:tags?(?: produk)?|kata kunci|keywords?(?: pencarian)?|hashtags?|search(?: tags?)?"
                          r"|pencarian(?: terkait)?|label(?: produk)?)\s*:", re.IGNORECASE)
#: (tags13) "Cari:" opens a tag list ("Cari: blanko ktp, kartu nama murah") or a buyer's wanted advert ("Cari: blangko
#: e-KTP 20 pcs, yang ready japri"): a list of search words holds no number and no seller's or buyer's terms.
_SEARCH_HEADING = re.compile(r"^\W*cari\s*:", re.IGNORECASE)
_SEARCH_LIST_FREE_OF = _OFFER_TAGS | {"READY", "WTB", "CUEBUY", "CUENEED", "CUECOD"}
#: Words sending the reader to a chat: a buyer's or a seller's terms, no search word.
_CHAT_WORDS = frozenset({"japri", "pm", "dm", "wa", "hubungi", "chat", "inbox", "hub"})
#: Hashtags a clause must hold to be a tag list ("#printerktp #cetakktp #blankoektp").
_TAG_LIST_HASHTAGS = 2
_TAG_CUE = "CUETAGS"


def _tag_lists(runs: list[list[int]], kept: list[str], found: list[tuple[Hit, ...]]) -> list[tuple[Hit, ...]]:
    """Hits in a list of search words, a run a tag heading opens or a clause of hashtags, stand under a
    tag-list cue (2.8): sellers of holders, printers and PVC cards repeat every word buyers search for
    ("Tag: holder ktp, blanko ktp, ktp kosong"), so what they name is no product, and no part of a kit.
    ``runs``: :func:`_list_runs`."""
    tagged = {i for i, part in enumerate(kept) if part.count("#") >= _TAG_LIST_HASHTAGS}
    searched: set[int] = set()
    for run in runs:
        if not run or not _TAG_HEADING.match(kept[run[0]]):
            continue
        if _SEARCH_HEADING.match(kept[run[0]]):
            # a search term is a few words: what runs on after it (a sentence with no stop before it) is not read
            items = [" ".join(item.split()[:3]) for item in (kept[run[0]].split(":", 1)[1], *(kept[i] for i in run[1:]))]
            if any(_NUMBER_WORD in item or any(c.isdigit() for c in item) or not _CHAT_WORDS.isdisjoint(normal_words(item))
                   or not _SEARCH_LIST_FREE_OF.isdisjoint(_tags_in(item)) for item in items):
                continue  # a buyer's "Cari: blangko e-KTP 20 pcs, japri": wanted, not searched for
            searched.update(run)
        tagged.update(run)
    return [tuple(_hit_with_cue(hit, _TAG_CUE) if i in tagged and (not hit.cue or (i in searched and hit.cue in _WANTED_CUES))
                  else hit for hit in hits if not (i in searched and hit.rule in _WANTED_RULES))
            for i, hits in enumerate(found)]


def _asked_in_lists(runs: list[list[int]], kept: list[str], found: list[tuple[Hit, ...]]) -> list[tuple[Hit, ...]]:
    """Related hits in a list that a requirement heading opens ("Syarat: KTP asli, selfie dengan
    KTP, akun IG aktif") are asked of the buyer, as in the heading's own clause; not when a clause
    of the list offers or deals ("Syarat: transfer dulu, data KTP dikirim setelahnya").  ``runs``: :func:`_list_runs`."""
    asked: set[int] = set()
    for run in runs:
        if len(run) > 1:
            asked.update(_asked_in_run([kept[i] for i in run], run))
    return [tuple(_hit_with_cue(hit, "CUEREQ") if i in asked and not hit.cue and RULES[hit.rule].channel == "related"
                  else hit for hit in hits) for i, hits in enumerate(found)]


#: (2.5) A list an imperative opens with a job application's papers ("Kirim CV, data KTP, ijazah
#: terakhir ke email HRD") is what an applicant sends, as a list a requirement heading opens.
_SEND_VERBS = frozenset({"kirim", "kirimkan", "bawa", "lampirkan", "sertakan", "siapkan", "unggah", "upload"})
_APPLICATION_PAPERS = frozenset({"cv", "lamaran", "ijazah", "portofolio", "transkrip", "berkas"})
#: (2.8) Imperatives telling the reader to prepare or bring their own papers: a list they open is asked of the reader
#: whatever it names ("siapkan e-KTP asli, foto KTP dan selfie"), unlike "kirim", which a forger's intake says too.
#: (relrec16) A clause opening with the poster's own "I/we" ("saya cetakin datanya") is no item asked of the reader.
_FIRST_PERSON = frozenset({"saya", "kami", "aku", "kita", "gue", "gw", "ane"})
_PREPARE_VERBS = frozenset({"siapkan", "bawa", "lampirkan", "sertakan"})


def _asked_in_run(parts: list[str], run: list[int]) -> list[int]:
    """The clauses of one list (``run``, their texts ``parts``) that are asked of the buyer: after a
    requirement heading ("Syarat: …") or an imperative sending application papers, or before a
    requirement word closing the list ("Data KTP tertanggung, STNK … diperlukan", 2.5); none when
    a clause of the list offers or deals ("Data KTP valid, siap pakai, DP diperlukan")."""
    if not all(_OFFER_TAGS.isdisjoint(_tags_in(part)) for part in parts[1:]):
        return []
    head = parts[0]
    if ":" in head and not _REQUIREMENT_CUES.isdisjoint(_tags_in(head.split(":", 1)[0])) and _OFFER_TAGS.isdisjoint(_tags_in(head)):
        return run[1:]
    words = normal_words(head)
    if words and words[0] in _SEND_VERBS and not _APPLICATION_PAPERS.isdisjoint(words):
        return run[1:]
    opening = canonical_of_words(normal_words(read_by_sound(head.rsplit(":", 1)[-1])))
    if opening and opening[0] in _PREPARE_VERBS and _OFFER_TAGS.isdisjoint(_tags_in(head)):
        # (2.8) "Cara upgrade akun: siapkan e-KTP asli, foto KTP dan selfie": what the reader prepares; (relrec16) not a
        # clause the poster speaks in the first person ("Bawa blangkonya, saya cetakin datanya"): the poster's own work
        return [i for i, part in zip(run[1:], parts[1:], strict=True) if next(iter(normal_words(part)), "") not in _FIRST_PERSON]
    if "CUEREQAFTER" in _tags_in(parts[-1]) and _OFFER_TAGS.isdisjoint(_tags_in(head)):
        return run[:-1]
    return []


FieldRules = tuple[tuple[int, tuple[Hit, ...]], ...]
#: Equal readings of fields are one object, so a listing's judgement is found by their identities.
_shared_reading: Interner[FieldRules] = Interner(4 * READINGS_KEPT)


def _points_to_score(points: float) -> float:
    return 100.0 / (1.0 + math.exp(-points / 10.0))


@dataclass
class _Tally:
    """Evidence of one listing being summed: the strongest rule per group, negatives, reasons."""

    groups: dict[str, tuple[float, int]]  # group -> (weight, rule index)
    strong_negatives: dict[int, float]
    weak_negatives: dict[int, float]
    reasons: dict[int, Reason]
    discounted: dict[int, Reason]


def _discount(hit: Hit, in_title: bool, product_phrase: bool) -> str:
    """Why a hit does not count, or "" when it counts (``product_phrase``: the title's first clause)."""
    rule = RULES[hit.rule]
    if hit.negator:
        return f"'{hit.matched}' negated by '{hit.negator}': not asserted"
    if hit.cue in _REQUIREMENT_CUES:
        return f"'{hit.matched}' in a {CUE_LABELS[hit.cue]} sentence: asked of the buyer, not on offer"
    if hit.cue in _TOLD_OF_CUES:
        return f"'{hit.matched}' in a {CUE_LABELS[hit.cue]} sentence: {_TOLD_OF_CUES[hit.cue]}, not on offer"
    if hit.cue == _TAG_CUE and rule.channel != "negative":
        return f"'{hit.matched}' in a {CUE_LABELS[hit.cue]}: search words, not the product"
    if hit.cue == _USAGE_CUE and hit.rule in _BLANK_WORD_RULES:
        return f"'{hit.matched}' after a {CUE_LABELS[hit.cue]} word: a material used, not on offer"
    if hit.cue in _WANTED_CUES and rule.channel == "blank":
        return f"'{hit.matched}' in a {CUE_LABELS[hit.cue]} sentence: asked for by a buyer, not on offer"
    if rule.channel == "blank" and rule.group != "blank_core" and hit.cue in _NOT_OFFERED_APART and (
            not in_title or hit.cue in _TITLE_CUES):
        return f"'{hit.matched}' in a {CUE_LABELS[hit.cue]} sentence: supports no offer"
    if rule.channel != "negative":
        return ""
    if hit.cue and (not in_title or hit.cue in _TITLE_CUES):
        return f"'{hit.matched}' in a {CUE_LABELS[hit.cue]} sentence: not the product"
    if not product_phrase and not hit.attached:
        return f"'{hit.matched}' not attached to an ID term outside the title's product phrase: not the product"
    return ""


def _tally(fields: tuple[tuple[str, FieldRules], ...]) -> _Tally:
    tally = _Tally({}, {}, {}, {}, {})
    # a title that names nothing ("Ready kak") leaves the product phrase to the description's first clause (2.4)
    lead = "description" if not any(field_clauses for field, field_clauses in fields if field == "title") else "title"
    if lead == "description" and _catalogue(fields):
        lead = ""  # a shop's list of goods: no one clause is the product phrase (2.5)
    for field, field_clauses in fields:
        for number, hits in field_clauses:
            product_phrase = field == lead and number == 0
            for hit in hits:
                if hit.rule == _PAPER_CLAUSE:
                    continue  # a mark for the identity set, no evidence of its own
                rule = RULES[hit.rule]
                why = _discount(hit, field == "title", product_phrase)
                if why:
                    if hit.rule not in tally.discounted:
                        tally.discounted[hit.rule] = _discounted_reason(rule.name, field, hit.matched, f"{rule.why}; {why}")
                    continue
                if rule.channel == "negative":
                    bucket = tally.strong_negatives if product_phrase else tally.weak_negatives
                    if hit.rule in tally.strong_negatives or hit.rule in bucket:
                        continue
                    weight = rule.weight if product_phrase else max(rule.weight, -WEAK_NEGATIVE_CAP)
                    bucket[hit.rule] = weight
                    scope = (f" (in the {field}'s product phrase)" if product_phrase else
                             f" (attached to an ID term: weak, all weak ones together at most -{WEAK_NEGATIVE_CAP:g})")
                    tally.reasons[hit.rule] = _reason(rule, field, hit.matched, weight, scope)
                elif hit.rule not in tally.reasons:
                    tally.reasons[hit.rule] = _reason(rule, field, hit.matched, rule.weight, "")
                    if tally.groups.get(rule.group, (0.0, -1))[0] < rule.weight:
                        tally.groups[rule.group] = (rule.weight, hit.rule)
    for rule_index in list(tally.weak_negatives):
        if rule_index in tally.strong_negatives:
            del tally.weak_negatives[rule_index]
    if tally.strong_negatives and _blank_sold_apart(fields):
        _demote_title_negatives(tally)
    return tally


def _blank_sold_apart(fields: tuple[tuple[str, FieldRules], ...]) -> bool:
    """Whether the description offers a blank on its own: a sale word heading it and no other
    product named from there on in its clause ("Holder KTP bening" / "NB: ready juga blanko e-KTP
    kosong"; "Dompet kulit asli Toko kami juga jual blanko e-KTP" run on past a spelled word's stop)."""
    for field, field_clauses in fields:
        if field == "title":
            continue
        for _, hits in field_clauses:
            others = [hit.last for hit in hits if RULES[hit.rule].channel == "negative" and not hit.negator]
            claims = _Claims(hits)
            if any(hit.rule == _BLANK_OFFERED and not hit.negator and hit.cue not in _NOT_ON_OFFER
                   and all(last < hit.first for last in others) and not claims.of(hit) for hit in hits):
                return True
    return False


def _demote_title_negatives(tally: _Tally) -> None:
    """A blank sold apart in the description is a second offer: the product phrase's negatives
    (a holder, a copy service) name the first and count as weak ones, not against it (2.5).  A
    machine is kept: a printer's listing that also sells blanks is a kit (related)."""
    for index in list(tally.strong_negatives):
        if index != _PRINTER_RULE:
            _weaken_negative(tally, index, "a blank is sold apart in the description: one of two offers, weak")


def _weaken_negative(tally: _Tally, index: int, why: str) -> None:
    """Move the strong negative at ``index`` to the weak ones (capped), saying ``why`` in its reason."""
    tally.weak_negatives[index] = max(tally.strong_negatives.pop(index), -WEAK_NEGATIVE_CAP)
    tally.reasons[index] = _restated(tally.reasons[index], tally.weak_negatives[index], why)


def _restated(reason: Reason, weight: float, why: str) -> Reason:
    """``reason`` at a new ``weight``, with ``why`` added to its detail (a discount or a demotion after the tally)."""
    return Reason(reason.rule, reason.field, reason.matched, weight, f"{reason.detail}; {why}")


#: Clauses naming another product that make a description under a vague title a catalogue (2.5).
_CATALOGUE_OTHER_CLAUSES = 2
_CORE_GROUPS = frozenset({"blank_core", "related_core"})


def _catalogue(fields: tuple[tuple[str, FieldRules], ...]) -> bool:
    """Whether the description under a title that names nothing is a shop's list of goods: other
    products named in two or more clauses, and strong evidence in a clause naming none of them
    ("Ready: map plastik, …, tinta printer, blangko KTP elektronik kosong, amplop").  Its first
    clause is then one item, not the product phrase (2.5); a lone "Ready: map plastik isi 10,
    cocok untuk menyimpan blangko e-KTP" still is, and machines listed with blanks are a kit."""
    for field, field_clauses in fields:
        if field != "description":
            continue
        others = offers = 0
        last_offer = -1
        for number, hits in field_clauses:
            counted = [hit for hit in hits if not hit.negator and not hit.cue]
            if any(RULES[hit.rule].channel == "negative" and hit.rule != _PRINTER_RULE for hit in counted):
                others += 1
            elif any(RULES[hit.rule].group in _CORE_GROUPS for hit in counted):
                offers += 1
                last_offer = number
        if offers and others < _CATALOGUE_OTHER_CLAUSES and _leads_with_another_thing(field_clauses):
            others += last_offer - sum(1 for number, _ in field_clauses if number < last_offer)
        return others >= _CATALOGUE_OTHER_CLAUSES and offers > 0
    return False


def _leads_with_another_thing(field_clauses: FieldRules) -> bool:
    """Whether the description's first clause names another product not attached to any ID term
    ("Ready: casing HP, charger, …", "Ada sarung, peci, …"): then the clauses naming nothing the
    lexicon knows between it and a blank are items of the same list (2.6; a shop's goods are
    mostly words no rule knows), while "Casing e-KTP, bahan tebal, …" leads with an ID's accessory."""
    if not field_clauses or field_clauses[0][0] != 0:
        return False
    return any(RULES[hit.rule].channel == "negative" and hit.rule != _PRINTER_RULE and not hit.attached
               and not hit.negator and not hit.cue for hit in field_clauses[0][1])


class _Part(NamedTuple):
    """One part of evidence found apart: where it is and what it says."""

    field: str
    rank: int  # among its field's clauses that name something (greetings, shipping, COD … pass over)
    number: int  # the clause's number in its field
    matched: str


#: Rules that only name a document: clauses holding nothing else after one naming a document are one list (2.5).
_DOCUMENT_TERM_RULES = frozenset(_RULE_INDEX[name] for name in ("ektp_term", "ktp_term", "id_term_related", "civil_doc_term"))


#: (told18) Goods that hold a blank word or an ID term of their own: a blank form of another document ("blanko STNK",
#: "blangko akta") holds its blank word, a copy service's object ("salin kartu identitas") the ID it copies.
_CLAIMING = frozenset(_RULE_INDEX[name] for name in ("blank_civil_form", "blank_school_form", "id_copied"))
_BLANK_CHANNEL = frozenset(i for i, rule in enumerate(RULES) if rule.channel == "blank")
_BLANK_WORD_TERMS = frozenset(_RULE_INDEX[name] for name in ("blank_term", "unprinted_term"))


class _Claims:
    """(told18) Which blank-channel hits of one clause hold the words of other goods (:data:`_CLAIMING`): the blank
    word of "Blanko STNK ready." is the STNK's and the ID of "Bisa salin kartu identitas." the copied one's, so neither
    is part of a blank e-KTP found apart nor a blank offered ("Blanko STNK ready." after a notice of blank stock turned
    292 read-right hard negatives blank on 2.15).  Only the blank word next to the other document is its own: a pattern
    run over two ("Blanko ori Blangko akta kelahiran") leaves the first blank word to the listing.

    Built once per clause, on first use: asked hit by hit against every other hit, a long clause of copy or blank-form
    words took quadratic time ("salin kartu identitas " * 5000: 3.9 s).  The claimers are sorted by their last token,
    and a claimer's first token is at least its last less the longest claimer, so the scan of each hit stops there."""

    __slots__ = ("_claimers", "_hits", "_lasts", "_longest", "_words")

    def __init__(self, hits: tuple[Hit, ...]) -> None:
        self._hits = hits
        self._claimers: list[tuple[int, int]] | None = None

    def _build(self) -> list[tuple[int, int]]:
        claimers = sorted((other.last, other.first) for other in self._hits
                          if other.rule in _CLAIMING and not other.negator)
        self._lasts = [last for last, _ in claimers]
        self._longest = max((last - first for last, first in claimers), default=0)
        self._words = sorted(word.first for word in self._hits if word.rule in _BLANK_WORD_TERMS)
        self._claimers = claimers
        return claimers

    def of(self, hit: Hit) -> bool:
        """Whether a claimer overlaps ``hit`` with no blank word of its own between ``hit``'s end and the claimer's."""
        if hit.rule not in _BLANK_CHANNEL:
            return False
        claimers = self._claimers if self._claimers is not None else self._build()
        if not claimers:
            return False
        after = bisect_right(self._words, hit.last)
        stop = self._words[after] if after < len(self._words) else None  # the first blank word after the hit
        for index in range(bisect_left(self._lasts, hit.first), len(claimers)):
            last, first = claimers[index]
            if (stop is not None and last >= stop) or last - self._longest > hit.last:
                break
            if first <= hit.last:
                return True
        return False


def _parts_apart(fields: tuple[tuple[str, FieldRules], ...], rules: frozenset[int]) -> list[_Part]:
    """Clauses of the product text (no cue before it, not negated) in which one of ``rules`` fired.

    A clause's rank counts the clauses before it that name something; documents listed
    over several clauses ("KTP / KK / NPWP / akta, hasil kayak asli") count as one (2.5),
    so what the listing says of them is next to them."""
    parts = []
    for field, field_clauses in fields:
        rank, listing = -1, False
        for number, hits in field_clauses:
            names = [hit.rule for hit in hits if not hit.cue]
            if names:  # a clause naming only documents after one that named some goes on its list ("KTP / KK / NPWP")
                terms = _DOCUMENT_TERM_RULES.issuperset(names)
                rank += not (terms and listing)
                listing = not _DOCUMENT_TERM_RULES.isdisjoint(names)
            claims = _Claims(hits)
            part = next((hit for hit in hits if hit.rule in rules and not hit.negator and hit.cue not in _NOT_OFFERED_APART
                         and not (hit.cue == _USAGE_CUE and hit.rule in _BLANK_WORD_RULES)
                         and not (hit.cue and hit.rule in _NEGATIVE_RULES)
                         and not claims.of(hit)), None)  # not the product (a bonus keyring, 2.5), nor another's words
            if part is not None:
                parts.append(_Part(field, max(rank, 0), number, part.matched))
    return parts


#: (2.8) Pairs whose second part is a claim said of the document (it passes as real, bears the buyer's data, was made
#: fast or without the office, printed on a blank, verified): in next clauses of one field, wherever they stand and
#: whatever else the listing names, they are said together ("cetak KTP pakai data pian, hasil kaya asli" deep in a
#: print shop's list), as in one clause.  Things merely named in a row are not: a lost wallet "berisi KTP, SIM dan
#: kartu ATM" lists what it held, and a kit's machine, a buyer's voice or a blank form keep their own scope.
_SAID_NEXT = frozenset({"forgery_described_in_listing", "custom_data_with_id_in_listing", "verified_account_with_id_in_listing",
                        "fast_track_with_document_in_listing", "printed_on_blank_with_id_in_listing",
                        "document_service_fast_in_listing", "clone_tool_with_id_in_listing", "clone_cards_with_id_machine_in_listing",
                        "data_printed_on_blank_in_listing", "id_printed_on_buyers_blank_in_listing"})


def _co_occurrence(fields: tuple[tuple[str, FieldRules], ...], first_rules: frozenset[int],
                   second_rules: frozenset[int], other_products: int, said_next: bool = False) -> tuple[float, str, str]:
    """(focus, field, matched) of the best-placed pair of a hit of ``first_rules`` and one of
    ``second_rules`` found apart in the product text; focus 0 when there is none.  Focus is
    1 / (1 + other products named), halved when a part sits past the first ``FOCUS_CLAUSES``
    clauses that name something in its field (a greeting or a shipping line does not push the
    offer down).  One part must be in the title, or both in next such clauses near the
    description's start, where a blank pair also needs a title naming a card or ID, or the
    e-KTP term itself ("READY" / "Jenis: KTP elektronik" / "Kondisi: blanko").  With ``said_next``
    (2.8, :data:`_SAID_NEXT`) parts in next clauses of one field are said together: focus 1.

    Of several pairs, the one taken is the one 2.16's scan of every pair (first parts, then second parts, in text
    order) kept: the last pair said next, else the first of the best focus.  Each is looked up for each first part
    (:class:`_SecondParts`), not found by trying every second part: a listing of thousands of sentences each naming
    both parts took quadratic time ('Saya jadi korban penipuan blangko e-KTP. ' * 2000: 3.4 s)."""
    firsts = _parts_apart(fields, first_rules)
    seconds = _SecondParts(_parts_apart(fields, second_rules) if firsts else [])
    if not seconds.parts:
        return (0.0, "", "")
    if said_next:
        pair = _last_said_next(firsts, seconds)
        if pair is not None:
            return (1.0, pair[0].field, f"{pair[0].matched} … {pair[1].matched}")  # said of the ID in the next clause
    apart: list[bool] = []  # whether two parts apart in the description combine, found once when first asked

    def apart_in_description() -> bool:
        if not apart:
            apart.append(_rule_of(next(iter(first_rules))).channel != "blank"  # related pairs, a kit's machine with its blanks
                         or second_rules == _EKTP_TERM or _title_supports(fields, "blank"))
        return apart[0]

    found = _first_pair(firsts, seconds, apart_in_description)
    if found is None:
        return (0.0, "", "")
    first, second, deep = found
    return ((0.5 if deep else 1.0) / (1 + other_products), first.field if first.field != "title" else second.field,
            f"{first.matched} … {second.matched}")


class _SecondParts:
    """The second parts of a pair found apart, indexed for :func:`_co_occurrence`: which of them (by their order) stand
    in the title, near their field's start (in the title or among its first ``FOCUS_CLAUSES`` naming clauses), past it,
    in each clause, and near the start at each rank of each field."""

    def __init__(self, parts: list[_Part]) -> None:
        self.parts = parts
        self.titled = [j for j, part in enumerate(parts) if part.field == "title"]
        self.near = [j for j, part in enumerate(parts) if part.field == "title" or part.rank < FOCUS_CLAUSES]
        self.deep = [j for j, part in enumerate(parts) if part.field != "title" and part.rank >= FOCUS_CLAUSES]
        self.in_clause: dict[tuple[str, int], list[int]] = {}
        self.at_rank: dict[tuple[str, int], list[int]] = {}
        for j, part in enumerate(parts):
            self.in_clause.setdefault((part.field, part.number), []).append(j)
            if part.field != "title" and part.rank < FOCUS_CLAUSES:
                self.at_rank.setdefault((part.field, part.rank), []).append(j)

    def first_apart(self, among: list[int], first: _Part) -> int:
        """The first of ``among`` (second parts, by order) not in ``first``'s clause, or −1."""
        return next((j for j in among if (self.parts[j].field, self.parts[j].number) != (first.field, first.number)), -1)


def _last_said_next(firsts: list[_Part], seconds: _SecondParts) -> tuple[_Part, _Part] | None:
    """The last pair, in the order first parts then second parts, of a first and a second part in next clauses of one
    field, or None."""
    for first in reversed(firsts):
        nexts = seconds.in_clause.get((first.field, first.number - 1), []) + seconds.in_clause.get((first.field, first.number + 1), [])
        if nexts:
            return first, seconds.parts[max(nexts)]
    return None


def _first_pair(firsts: list[_Part], seconds: _SecondParts,
                apart_in_description: Callable[[], bool]) -> tuple[_Part, _Part, bool] | None:
    """(first part, second part, deep) of the first pair, in the order first parts then second parts, that combines
    with neither part deep, else of the first that combines with one deep; None when none combines.  A pair combines
    when one part is in the title, or both are near the start of one description field, one rank apart at most, and
    such parts combine there (``apart_in_description``); deep: a part past its field's start, not in the title."""
    deep_pair: tuple[_Part, _Part, bool] | None = None
    for first in firsts:
        if first.field == "title":
            candidates = [seconds.first_apart(seconds.near, first)]
            if deep_pair is None and seconds.deep:
                deep_pair = (first, seconds.parts[seconds.deep[0]], True)
        elif first.rank >= FOCUS_CLAUSES:
            if deep_pair is None and seconds.titled:
                deep_pair = (first, seconds.parts[seconds.titled[0]], True)
            continue
        else:
            candidates = [seconds.titled[0] if seconds.titled else -1]
            ranks = [rank for rank in (first.rank - 1, first.rank, first.rank + 1) if (first.field, rank) in seconds.at_rank]
            if ranks and apart_in_description():
                candidates += [seconds.first_apart(seconds.at_rank[(first.field, rank)], first) for rank in ranks]
        found = [j for j in candidates if j >= 0]
        if found:
            return first, seconds.parts[min(found)], False
    return deep_pair


#: What a clause of such a list may hold: documents, and what is said of them ("akta, semua jadi" read as one
#: clause when a spelled "a.k.t.a." took the full stop).
_DOCUMENT_SET_PARTS = _DOCUMENT_TERM_RULES | _DOCUMENT_SET_SIGNALS | {_PAPER_CLAUSE}


def _document_set(fields: tuple[tuple[str, FieldRules], ...]) -> tuple[str, str]:
    """(field, matched) of clauses in a row, each naming population documents only (and what is said of them), that name
    ``DOCUMENT_SET_SIZE`` or more distinct ones (an e-KTP is a KTP); ("", "") when there is none."""
    for field, field_clauses in fields:
        run: dict[str, None] = {}
        previous = -2
        for number, hits in field_clauses:
            plain = all(not hit.cue and not hit.negator for hit in hits)
            if not (plain and _DOCUMENT_SET_PARTS.issuperset(hit.rule for hit in hits)):
                run, previous = {}, -2
                continue
            if number != previous + 1:
                run = {}
            previous = number
            for hit in hits:
                if hit.rule in _DOCUMENT_TERM_RULES and hit.rule not in _EKTP_TERM:  # an e-KTP is its KTP
                    run["ktp" if "ktp" in hit.matched else hit.matched] = None
            if len(run) >= DOCUMENT_SET_SIZE:
                return field, " … ".join(run)
    return "", ""


def _title_supports(fields: tuple[tuple[str, FieldRules], ...], channel: str) -> bool:
    """Whether the title's product phrase names something of ``channel`` (a card, a chip,
    an ID term): then two blank parts in next clauses near the description's start combine
    ("Kartu chip original" / "Blangko asli, untuk e-KTP"), while a job advert's
    "Kirim CV, KTP, blangko isian" does not."""
    return any(number == 0 and RULES[hit.rule].channel == channel and not hit.negator
               for field, field_clauses in fields if field == "title" for number, hits in field_clauses for hit in hits)


#: (relrec15) Rules reading a kit to copy an ID's chip: the plain NFC or chip cards it names are the copies' cards.
_CLONE_KIT_RULES = frozenset({"id_clone", "clone_tool_with_id_in_listing",
                           "clone_cards_with_id_machine_in_listing"})


def _other_products(rule: Rule, others: set[int], emblem_without_data: bool) -> int:
    """How many of the listing's negatives ``others`` name another product than a co-occurrence ``rule`` does: a kit's
    own parts are none (a rule that makes an ID), nor the copies an identity trade sells, nor the look of an e-KTP
    described, nor the chip of a card bearing the emblem with no data yet (2.9), nor the plain cards of a cloning
    kit (relrec15: "Kit kloning kartu NFC" / "untuk e-KTP")."""
    makes_id, trades = rule.name in _USABLE_RULES, rule.name in _TRADE_RULES
    return sum(1 for i in others if not ((makes_id and RULES[i].unless_usable)
                                         or (trades and RULES[i].unless_traded)
                                         or (rule.name in _DESCRIBED_RULES and i in _LOOK_NEGATIVES)
                                         or (rule.name in _CLONE_KIT_RULES and i in _PLAIN_CARD_NEGATIVES)
                                         or (emblem_without_data and rule.name in _EMBLEM_CHIP_RULES
                                             and i in _PLAIN_CARD_NEGATIVES)))


def _weigh_printer(fields: tuple[tuple[str, FieldRules], ...], tally: _Tally, kit: bool) -> bool:
    """Whether a card printer is sold with named blank e-KTPs (2.8: an offer of the blanks, the printer demoted); else a
    printer in a kit discounts the kit's parts.  Returns the first."""
    found = _blanks_with_a_printer(fields) if _PRINTER_RULE in tally.strong_negatives else _KitBlanks(False, False)
    # (2.10) the card itself named blank among a machine's goods is on offer even where no kit rule found the pair
    # apart ("Isi paket: printer, software, 30 blanko e-KTP" in one clause list)
    with_printer = found.cards or (kit and found.plain)
    if with_printer:
        _demote_printer(tally)
    elif kit and _PRINTER_RULE in tally.strong_negatives:
        _discount_kit_parts(tally)
    return with_printer


@lru_cache(maxsize=READINGS_KEPT)
def _judge(fields: tuple[tuple[str, FieldRules], ...]) -> tuple[tuple[Reason, ...], float, float]:
    """(reasons, blank score, related score) of a listing's rule hits per field.

    Cached: listings that fire the same rules on the same words share one judgement.
    """
    fields = _tag_lists_under_own_title(fields)
    named = _without_silent_parts(fields)
    tally = _tally(named)
    others = {h.rule for _, fc in fields for _, hits in fc for h in hits
              if RULES[h.rule].channel == "negative" and not h.negator and not h.cue}
    usable = not _USABLE_AT.isdisjoint(tally.reasons)
    traded = not _TRADED_AT.isdisjoint(tally.reasons)
    kit = not _KIT_AT.isdisjoint(tally.reasons)
    described = not _DESCRIBED_AT.isdisjoint(tally.reasons)
    fired = {hit.rule for _, field_clauses in fields for _, hits in field_clauses for hit in hits}
    emblem_without_data = _NO_CONTENT_TERM in fired and _plain_cards_are_chips(fields)
    emblem_chip = False
    for number, (rule, first_rules, second_rules) in enumerate(_CO_OCCURRENCES, start=len(RULES)):
        if first_rules.isdisjoint(fired) or second_rules.isdisjoint(fired) or not _VOIDED_BY.get(number, _NONE).isdisjoint(fired) \
                or _NEEDS.get(number, fired).isdisjoint(fired):
            continue  # a part that fired nowhere is found apart nowhere: focus 0, nothing to add
        makes_id, trades = rule.name in _USABLE_RULES, rule.name in _TRADE_RULES
        other_products = _other_products(rule, others, emblem_without_data)
        focus, co_field, co_matched = _co_occurrence(fields, first_rules, second_rules, other_products, rule.name in _SAID_NEXT)
        weight = rule.weight * focus
        usable = usable or (makes_id and weight > 0)  # even when a stronger rule of its group is the one counted
        kit = kit or (rule.name in _KIT_RULES and weight > 0)
        described = described or (rule.name in _DESCRIBED_RULES and weight > 0)
        emblem_chip = emblem_chip or (rule.name in _EMBLEM_CHIP_RULES and weight > 0)  # counted or not in its group
        traded = traded or (trades and weight > 0)
        _count_listing_rule(tally, number, co_field, co_matched, weight, f" (focus {focus:.2f})")
    if not _DOCUMENT_SET_SIGNALS.isdisjoint(fired):  # no list is said done, fast or skipped: no set (a cheap test first)
        _add_document_set(fields, tally)
    if _PAPER_CLAUSE in fired:
        set_field, matched = identity_set(named, _PAPER_CLAUSE, _paper_of)
        if set_field:
            _count_listing_rule(tally, _IDENTITY_SET_INDEX, set_field, matched, IDENTITY_SET.weight)
    with_printer = _weigh_printer(fields, tally, kit)
    if described:
        _lift_look_negatives(tally)
    if emblem_without_data and emblem_chip:
        _lift_look_negatives(tally, _PLAIN_CARD_NEGATIVES, "a chip card bearing the state's emblem with no data yet: its chip and model")
    teaches = _teaches_making(tally)
    if _BLANK_OFFERED not in tally.reasons and not with_printer:  # a sale word offering a blank keeps it an offer
        _discount_goods_not_offered(fields, tally)
    _discount_cards_of_a_cloning_kit(fields, fired, tally)

    def channel(name: str) -> float:
        points = PRIOR + sum(weight for group, (weight, index) in tally.groups.items()
                             if _channel_of(index) == name)
        for bucket, cap in ((tally.strong_negatives, math.inf), (tally.weak_negatives, WEAK_NEGATIVE_CAP)):
            total = sum(w for i, w in bucket.items() if name in RULES[i].channels
                        and not (name == "related" and ((usable and RULES[i].unless_usable) or (teaches and i in _GUIDE_NEGATIVES)
                                                        or (traded and RULES[i].unless_traded))))
            points += max(total, -cap)
        return _points_to_score(points)

    counted = [tally.reasons[i] for i in sorted(tally.reasons)]
    discounted = [r for i, r in sorted(tally.discounted.items()) if i not in tally.reasons]
    return tuple(counted + discounted), channel("blank"), channel("related")


#: (relrec16) Parts of a reading found apart that name no goods of their own: a person's data printed, a blank the buyer
#: has, a shop's printing of KTPs.  They make no clause one that names something, so a seller's "Kami cetak datanya."
#: added to a title moves neither its product phrase nor an identity set's lead (it hid 8 read-right offers when it did).
_SILENT_PARTS = frozenset(_RULE_INDEX[name] for name in ("printed_data", "buyers_blank", "id_print_service"))


def _without_silent_parts(fields: tuple[tuple[str, FieldRules], ...]) -> tuple[tuple[str, FieldRules], ...]:
    """``fields`` without the hits of :data:`_SILENT_PARTS` (clauses left with none dropped): what names goods, for the
    tally's product phrase and the identity set.  The same object when there are none (most listings)."""
    if all(hit.rule not in _SILENT_PARTS for _, field_clauses in fields for _, hits in field_clauses for hit in hits):
        return fields
    return tuple((field, tuple((number, kept) for number, hits in field_clauses
                               if (kept := tuple(hit for hit in hits if hit.rule not in _SILENT_PARTS))))
                 for field, field_clauses in fields)


#: What paper a rule's hit names, for the identity set (None: its matched words say); an e-KTP is its KTP.
_PAPER_NAMES: dict[int, str | None] = {
    _RULE_INDEX["ektp_term"]: "ktp", _RULE_INDEX["ktp_term"]: "ktp", _RULE_INDEX["id_term_related"]: None,
    _RULE_INDEX["civil_doc_term"]: None, _RULE_INDEX["nik_term"]: "nik", _RULE_INDEX["selfie_term"]: "selfie",
    _RULE_INDEX["bank_kit"]: "bank"}


def _paper_of(hit: Hit) -> str | None:
    """The identity paper a hit names ("ktp", "kk", "npwp" …), or None when it names none."""
    if hit.rule not in _PAPER_NAMES:
        return None
    paper = _PAPER_NAMES[hit.rule]
    if paper is None:
        paper = "kk" if hit.matched in ("kk", "kartu keluarga") else hit.matched if hit.rule == _CIVIL_DOC_TERM else "ktp"
    return paper


_CIVIL_DOC_TERM = _RULE_INDEX["civil_doc_term"]


_NONE: frozenset[int] = frozenset()
#: (2.8) Listing rules that rules fired anywhere void: a KTP said not yet printed where a service makes or arranges
#: KTPs ("Bantu cetak KTP yang belum jadi" / "sudah rekam tapi belum cetak?") is the customer's, not a blank on offer.
#: (relrec15) Pairs found apart only where one of these rules fired too: a cloning line and empty ID cards are a kit to
#: copy e-KTPs where a machine or software is sold (a sticker shop's "kartu KTP kosong" and a cloning line are none).
_NEEDS = {len(RULES) + i: frozenset(_RULE_INDEX[name] for name in ("neg_printer", "kit_software"))
          for i, (rule, _, _) in enumerate(_CO_OCCURRENCES) if rule.name == "clone_tool_with_id_in_listing"}
_VOIDED_BY = {len(RULES) + i: frozenset(_RULE_INDEX[name] for name in ("document_service", "fast_track", "id_made_to_order"))
              for i, (rule, _, _) in enumerate(_CO_OCCURRENCES) if rule.name == "no_content_with_ktp_in_listing"}


def _plain_cards_are_chips(fields: tuple[tuple[str, FieldRules], ...]) -> bool:
    """Whether every plain card the listing names is named by its chip's technology or material ("Kartu chip NFC",
    "Mifare DESFire", "PVC"), which an e-KTP's are too (2.9); a member, name or ID card is another card whatever it
    bears, while one negated or only cross-sold ("bukan kartu member", "Tersedia juga tali ID card") names no card."""
    return all(hit.matched.lower() in _CHIP_TECHNOLOGY for _, field_clauses in fields for _, hits in field_clauses
               for hit in hits if hit.rule == _PLAIN_CARD and not hit.negator and not hit.cue)


def _lift_look_negatives(tally: _Tally, negatives: frozenset[int] = _LOOK_NEGATIVES,
                         why: str = "an empty card of that size or model, described as an e-KTP: its own") -> None:
    """An empty card of the e-KTP's own model, or a chip card of the KTP's size or model said to hold no data yet,
    is the e-KTP described by its state, so that size or model is its own card's, not a look-alike's: the look
    negatives no longer count (2.8).  A plain card word (PVC, RFID, NFC, member) is another negative and still counts,
    except beside the state's emblem on a chip card with no data yet (2.9): no plain card bears the emblem, so the
    chip's technology ("NFC", "Mifare DESFire") is the e-KTP's own."""
    for index in negatives:
        tally.strong_negatives.pop(index, None)
        tally.weak_negatives.pop(index, None)
        if index in tally.reasons:
            tally.reasons[index] = _restated(tally.reasons[index], 0.0, why)


def _tag_lists_under_own_title(fields: tuple[tuple[str, FieldRules], ...]) -> tuple[tuple[str, FieldRules], ...]:
    """``fields`` with their tag lists read as the seller's own words when the listing outside them describes its goods
    without naming them (2.8, narrowed by tags13): "Kartu chip putih, belum ada data" / "#blankoektp #ektpkosong" and
    "terima order, data bebas" / "#jasaktp #ktpjadi" say what the card or the order is only in their tags.

    Anywhere else a tag list is search words (tags13): the product is what the title, its variants and the description
    name outside the tags.  2.8 read tags as the seller's whenever the title's product phrase named no other product,
    and a tag line "Tag: blanko ktp, ktp kosong, blangko e-ktp" appended to every tune hard negative read right turned
    1,861 of 4,331 blank on 2.10 ("Kaos polos" names nothing the matcher knows; "barokahstore" / "Case KTP transparan"
    names its case in the description).  A tag list's negatives never count: "#infoktp #pengumuman #berita" sells no
    notice, "#holderktp" after a blank's offer no holder.  A title's hashtags left in it (a title of hashtags only, or
    respelt ones) are read as written, as 2.8 read them."""
    if not any(hit.cue == _TAG_CUE for _, field_clauses in fields for _, hits in field_clauses for hit in hits):
        return fields
    speak = _described_without_a_name(fields)
    return tuple((field, tuple((number, tuple(_hit_with_cue(hit, "") if hit.cue == _TAG_CUE and (
        field == "title" or (speak and hit.rule not in _NEGATIVE_RULES)) else hit for hit in hits))
                                for number, hits in field_clauses)) for field, field_clauses in fields)


#: What a listing says of goods it does not name: a card with no data yet ("belum ada data", "belum terisi"), data of
#: the buyer's choosing ("data bebas, foto bebas"): the tags then say what the card or the order is (tags13).
_DESCRIBED_BY_STATE = frozenset({_RULE_INDEX["no_content_term"], _RULE_INDEX["custom_data"]})


def _described_without_a_name(fields: tuple[tuple[str, FieldRules], ...]) -> bool:
    """Whether outside its tag lists the listing describes its goods by their state (:data:`_DESCRIBED_BY_STATE`) and
    names no other product by a negative that counts (tags13)."""
    outside = [(field, number, hit) for field, field_clauses in fields for number, hits in field_clauses for hit in hits
               if hit.cue != _TAG_CUE]
    if not any(hit.rule in _DESCRIBED_BY_STATE and not hit.negator for _, _, hit in outside):
        return False
    return not any(hit.rule in _NEGATIVE_RULES and not _discount(hit, field == "title", number == 0) for field, number, hit in outside)


def _discount_goods_not_offered(fields: tuple[tuple[str, FieldRules], ...], tally: _Tally) -> None:
    """Discount the blank channel when what its blank words name is not goods on offer: a buyer's demand, or
    the material of a made ID the title or the description's opening sells (2.6)."""
    if _DEMAND_RULE_INDEX in tally.reasons or _DEMAND_APART in tally.reasons:
        _discount_blank_channel(tally, why="the listing is a buyer's demand: asked for, not on offer")
    elif _title_names_made_id(fields):
        _discount_blank_channel(tally, why="the title's product phrase is a made or traded ID: its material, not the goods")
    elif _UNPRINTED not in tally.reasons and _description_makes_id(fields):
        _discount_blank_channel(tally, why="the description sells a KTP made to order and no card is said empty: its material")


#: (2.8) Blank e-KTPs named as such (a blank word or an empty one next to the ID term), and the rules saying a kit
#: writes or forges data (a writer, an edit file, a reader with blank chips); what a machine's words say it reads,
#: writes or is beside a plain card printer.
_BLANK_PAIRS = frozenset(_RULE_INDEX[name] for name in ("blank_ektp", "unprinted_ektp", "blank_ktp", "unprinted_ktp"))
_WRITES_DATA = frozenset(_RULE_INDEX[name] for name in ("id_writer", "id_edit_file", "reader_with_blank_chip", "identity_data",
                                                         "kit_software"))
#: (2.10) What a kit holds to forge with beyond a blank (an edit file, population data): never an offer of the blank.
_FORGES_DATA = frozenset(_RULE_INDEX[name] for name in ("id_edit_file", "identity_data"))
_NOT_A_PRINTER = re.compile(r"writer|encod|reader|scanner|pembaca|baca|rekam|tulis|alat|mesin|kit|perangkat")
#: (2.10) A chip named just before a blank pair, inside it or just after it ("chip blangko e-KTP", "kartu chip KTP
#: kosong", "blank ktp chip", "… plus blanko chip"): the blanks are chips.  After a pair ending in its state word a
#: chip is the card's ("kartu kosong KTP-el ber-chip", "blanko e-KTP kosong chip aktif"), the card itself.
_CHIP_TERM = _RULE_INDEX["chip_term"]
#: A word of the pair beginning "chip" (stretched "chipppp" too); "ber-chip" (having a chip) describes the card
#: ("kartu kosong KTP-el ber-chip") and names no chips on offer.
_CHIP_IN_PAIR = re.compile(r"(?:^| )chip")
#: A card named by the KTP it is for ("blank card untuk KTP", "kartu kosong buat KTP"): beside a machine, a card to
#: copy a KTP's chip onto, not the e-KTP's own card.
_PURPOSE_IN_PAIR = re.compile(r"(?:^| )(?:untuk|utk|buat|bwt|for) ")
_BLANK_CHIP = _RULE_INDEX["blank_chip"]
_STATE_WORD_END = re.compile(r"(?:^| )(?:kosong\S*|polos\S*|\S*cetak|\S*print\S*|\S*pakai|\S*isi)$")


def _names_a_chip(pair: Hit, hits: tuple[Hit, ...]) -> bool:
    """Whether the blank ``pair`` (a hit of :data:`_BLANK_PAIRS`) names a chip, not the card: a chip word in its
    words, the one before them, or the one after them unless they end in their state word."""
    if _CHIP_IN_PAIR.search(pair.matched):  # "blank ktp chip": the e-KTP term written with its chip names the chip
        return True
    if _PURPOSE_IN_PAIR.search(pair.matched):  # "blank card untuk KTP": a card for the KTP's chip, not the e-KTP
        return True
    after = pair.last if _STATE_WORD_END.search(pair.matched) else pair.last + 1
    return any((hit.rule == _CHIP_TERM and pair.first - 1 <= hit.first <= after and not hit.matched.startswith("ber"))
               # a blank chip the pair ends ("chip DESFire kosong (KTP)"), not a card said "ber-chip"
               or (hit.rule == _BLANK_CHIP and hit.matched.startswith("chip") and hit.first <= pair.first <= hit.last)
               for hit in hits)


class _KitBlanks(NamedTuple):
    """What :func:`_blanks_with_a_printer` found: blanks beside a plain card printer, and the card itself named blank
    beside any machine (a printer, writer or reader, with software or not)."""

    plain: bool
    cards: bool


def _blanks_with_a_printer(fields: tuple[tuple[str, FieldRules], ...]) -> _KitBlanks:
    """Whether a kit is sold with blank e-KTPs named as such ("Paket usaha: printer Evolis + 50 blanko e-KTP"): the
    blanks are on offer and the machine comes with them (2.8).  Beside a plain card printer any blank pair counts;
    beside software, a writer or a reader (2.4: a kit to write identities) only the card itself named blank
    ("blanko e-KTP", "ktp-el kosong") does (2.10: selling the blank is the offence, the machine beside it does not make
    it less), while blank chips ("chip kosong", "chip blangko e-KTP") stay a kit's parts (related), and an edit file or
    population data in the kit keeps it one to forge with.  Machine words are read as written."""
    printers, blanks, cards, writes = [], False, False, False
    for _, field_clauses in fields:
        for _, hits in field_clauses:
            for hit in hits:
                if hit.negator:
                    continue
                if hit.rule in _FORGES_DATA:
                    return _KitBlanks(False, False)
                writes = writes or hit.rule in _WRITES_DATA
                if hit.rule == _PRINTER_RULE:
                    printers.append(hit.matched)
                if hit.rule in _BLANK_PAIRS:  # a tag list's words are search words, no goods (2.5)
                    blanks, cards = True, cards or (hit.cue != _TAG_CUE and not _names_a_chip(hit, hits))
    if not (blanks and printers):
        return _KitBlanks(False, False)
    plain = not writes and not any(_NOT_A_PRINTER.search(words) for words in printers)
    return _KitBlanks(plain, cards)


def _demote_printer(tally: _Tally) -> None:
    """A card printer sold with blank e-KTPs comes with the blanks on offer: its negative is weak (2.8)."""
    _weaken_negative(tally, _PRINTER_RULE, "a card printer sold with blank e-KTPs: beside the blanks, weak")


def _add_document_set(fields: tuple[tuple[str, FieldRules], ...], tally: _Tally) -> None:
    """Count :data:`DOCUMENT_SET` in ``tally`` when a field lists population documents as its goods."""
    signalled = any(hit.rule in _DOCUMENT_SET_SIGNALS and not hit.cue and not hit.negator
                    for _, field_clauses in fields for _, hits in field_clauses for hit in hits)
    set_field, matched = _document_set(fields) if signalled else ("", "")
    if set_field:
        _count_listing_rule(tally, _DOCUMENT_SET_INDEX, set_field, matched, DOCUMENT_SET.weight)


def _count_listing_rule(tally: _Tally, index: int, field: str, matched: str, weight: float, scope: str = "") -> None:
    """Count the listing rule at ``index`` (:data:`_LISTING_RULES`) when it outweighs what its group holds; in
    the groups its index is negated, as a rule judged over the whole listing."""
    rule = _rule_of(index)
    if weight > tally.groups.get(rule.group, (0.0, -1))[0]:
        tally.groups[rule.group] = (weight, -index)
        tally.reasons[index] = _reason(rule, field, matched, round(weight, 1), scope)


def _judge_readings(*readings: FieldRules | None) -> tuple[tuple[Reason, ...], float, float]:
    """:func:`_judge` of a listing's readings of its title, description and photo text
    (None: the field is empty)."""
    return _judge(tuple((field, rules) for field, rules in zip(FIELDS, readings, strict=True) if rules is not None))


#: :func:`_judge_readings` looked up by the readings' identities (they are shared objects).
_judgement = IdentityMemo(_judge_readings, READINGS_KEPT)


def _discount_kit_parts(tally: _Tally) -> None:
    """A machine in the title's product phrase sold with blank chips or data is a kit: the
    blank channel's support (chip card, blank chip, e-KTP term …) describes the kit's parts,
    so only its strong group and the machine's negative count there (2.4).  2.3 let that
    support carry a kit over the blank threshold, and an appended "holder KTP" line flipped it."""
    _discount_blank_channel(tally, "part of a kit on offer (a machine in the title): not counted", keep_core=True)


#: (2.6) Related evidence that names a product made, forged or traded from an ID: in the title's product
#: phrase it says what the listing sells.  Not a KTP merely offered ("Ready e-KTP" heads blank offers
#: too), documents listed, or a blank KK (a second blank beside an e-KTP blank).
#: (relrec16) Nor a person's data printed onto an ID or a blank, or an ID's card copied: as a seller's line put before a
#: title ("Cetak data ke kartu KTP.", "Salin kartu identitas.") they took the blank of ~2,500 read-right blank offers.
_MADE_ID_RULES = frozenset(i for i, rule in enumerate(RULES) if rule.group == "related_core"
                           and rule.name not in ("id_for_sale", "document_list", "blank_civil_form", "blank_school_form",
                                                 "data_printed_on_blank", "id_copied"))
_BLANK_CORE_RULES = frozenset(i for i, rule in enumerate(RULES) if rule.group == "blank_core")


#: Evidence that a how-to's subject is blanks: a blank word, or printing onto a blank.
_TAUGHT = frozenset({_RULE_INDEX["printed_on_blank"], _RULE_INDEX["blank_term"]})
#: The guide's medium (an ebook, a module): when it teaches making an e-KTP, neither it nor the how-to lowers related.
_GUIDE_NEGATIVES = frozenset({_HOWTO_NEGATIVE, _RULE_INDEX["neg_publication"]})


def _teaches_making(tally: _Tally) -> bool:
    """Whether a how-to is in the title (its product phrase, or a clause of it: "Ebook + video cara cetak
    KTP el") and the listing names blank e-KTPs or printing onto a blank: it teaches making one, related
    (``howto_make_id``), its how-to and medium negatives no longer lowering that channel (2.6)."""
    how = tally.reasons.get(_HOWTO_NEGATIVE)
    if how is None or how.field != "title" or ("blank_core" not in tally.groups and _TAUGHT.isdisjoint(tally.reasons)):
        return False
    _count_listing_rule(tally, _HOWTO_INDEX, how.field, how.matched, _HOWTO_MAKE_ID.weight)
    return True


_UNPRINTED = _RULE_INDEX["unprinted_term"]
#: Related evidence that a KTP is made or printed for the buyer (not merely said to pass as real).
_MADE_FOR_BUYER = frozenset(_RULE_INDEX[name] for name in ("forged_ktp", "id_made_to_order", "custom_id", "document_shortcut"))


def _description_makes_id(fields: tuple[tuple[str, FieldRules], ...]) -> bool:
    """Whether the description opens by selling a KTP made or printed to order ("Blanko e-KTP asli" /
    "Terima cetak KTP el di blanko asli, kirim data dan foto"): a title of bare blank words, with no card
    said empty, unprinted or in stock as blanks, is then a search word for that service (2.6).  A
    description that opens with the blank and offers a service after it ("Blangko asli dinas. Jasa bikin
    KTP juga bisa") sells the blank with an add-on.  The opening is the description's first clause, so a
    sentence run on into a later one ("… ini chip ektp) Pesanan di hari libur diproses …") opens nothing."""
    for field, field_clauses in fields:
        if field == "description" and field_clauses and field_clauses[0][0] == 0:
            return any(hit.rule in _MADE_FOR_BUYER and not _discount(hit, False, False) for hit in field_clauses[0][1])
    return False


def _title_names_made_id(fields: tuple[tuple[str, FieldRules], ...]) -> bool:
    """Whether the title's product phrase (its first clause) names a made, forged or traded ID and no
    blank: "Jasa isi data blangko e-KTP", "Bikin e-KTP tanpa antri", "KTP custom nama bebas"."""
    for field, field_clauses in fields:
        if field == "title" and field_clauses and field_clauses[0][0] == 0:
            counted = {hit.rule for hit in field_clauses[0][1] if not _discount(hit, True, True)}
            return not counted.isdisjoint(_MADE_ID_RULES) and counted.isdisjoint(_BLANK_CORE_RULES)
    return False


#: (relrec15) Empty cards said to suit an ID ("kartu kosong kompatibel e-KTP", "kartu chip kosong untuk … KTP"), and the
#: ID itself named empty or blank ("ktp el kosong", "e-KTP kosong", "blanko e-KTP"), in a blank pair's plain words.
_CARDS_FOR_AN_ID = re.compile(r"(?<!\S)(?:kartu|card|chip)(?!\S)")
_EMPTY_ID = re.compile(r"(?<!\S)(?:ktp|ektp|ktpel|ktp el|e ktp) (?:kosong|polos|putih)(?!\S)|blanko|(?<!\S)(?:kosong|polos|putih) (?:ktp|ektp|ktpel|ktp el|e ktp)(?!\S)")
#: (relrec15) The rules reading a card's chip or UID copied, and a kit's machine or software.
_CLONE_RULES = frozenset(_RULE_INDEX[name] for name in ("clone_tool", "id_clone", "id_copied"))
_KIT_MACHINE_RULES = frozenset(_RULE_INDEX[name] for name in ("neg_printer", "kit_software"))


def _discount_cards_of_a_cloning_kit(fields: tuple[tuple[str, FieldRules], ...], fired: set[int], tally: _Tally) -> None:
    """The blank channel counts none of a cloning kit's empty cards (:func:`_blank_cards_to_clone_onto`) unless a sale
    word offers a blank: they are the copies' material.  Read only where a cloning rule fired (a set check first)."""
    if not _CLONE_RULES.isdisjoint(fired) and _BLANK_OFFERED not in tally.reasons and _blank_cards_to_clone_onto(fields):
        _discount_blank_channel(tally, why="empty cards of a cloning kit, an ID's chip copied onto them: the copies' material")


def _blank_cards_to_clone_onto(fields: tuple[tuple[str, FieldRules], ...]) -> bool:
    """Whether empty cards sold with a machine or software (in their clause or the next) are said, in their clause or
    the next, to take a copy of an ID's chip ("Alat tulis chip plus kartu kosong kompatibel e-KTP" / "Bisa kloning chip";
    "Paket reader/writer" / "10 kartu chip kosong untuk kloning chip KTP"): a cloning kit, its empty cards the
    copies' material, not blank e-KTPs (relrec15).  A card named with the blank word itself ("blanko e-KTP") stays a
    blank on offer, and so do cards far from any machine, or beside a machine the buyer has ("siap dicetak pakai
    printer", "buat yang punya alat"): a seller's cloning line added to their title would otherwise move them."""
    machines, cards, clones = [], [], []
    for field, field_clauses in fields:
        for number, hits in field_clauses:
            for hit in hits:
                if hit.negator or hit.cue in _REQUIREMENT_CUES or hit.cue in _TOLD_OF_CUES or hit.cue == _TAG_CUE:
                    continue  # asked of the buyer, told of, a tag list: no goods (a bonus "plus kartu kosong" is)
                if hit.rule in _KIT_MACHINE_RULES and not hit.cue:  # "pakai printer", "yang punya alat": the buyer's
                    machines.append((field, number))
                if hit.rule in _CLONE_RULES:
                    clones.append((field, number))
                elif hit.rule in _BLANK_PAIRS:
                    if not _CARDS_FOR_AN_ID.search(hit.matched) or _EMPTY_ID.search(hit.matched):
                        return False  # the ID itself named empty ("ktp el kosong", "blanko e-KTP"): a blank on offer
                    cards.append((field, number))
    kit_cards = [card for card in cards if any(card[0] == field and abs(card[1] - at) <= 1 for field, at in machines)]
    return any(field == other and abs(number - at) <= 1 for field, number in kit_cards for other, at in clones)


def _discount_blank_channel(tally: _Tally, why: str, keep_core: bool = False) -> None:
    """The blank channel counts none of its evidence, which names something other than goods on offer
    (2.6): in a buyer's advert in the poster's own voice ("Kami tampung blanko e-KTP sisa", "Dicari
    blanko e-KTP") every blank word, the title's "Blanko e-KTP" included, is what is asked for; under a
    title whose product phrase is a made or traded ID ("Jasa bikin KTP cepat" / "blanko dari kami") it
    is that product's material.  Not called when a sale word offers a blank (``blank_offered``).  With
    ``keep_core`` the strong group still counts (a kit's parts, :func:`_discount_kit_parts`)."""
    for group, (_, index) in list(tally.groups.items()):
        if _channel_of(index) != "blank" or (keep_core and group == "blank_core"):
            continue
        del tally.groups[group]
        if abs(index) in tally.reasons:
            tally.reasons[abs(index)] = _restated(tally.reasons[abs(index)], 0.0, why)


@lru_cache(maxsize=64)
def _thresholds(blank: float, related: float) -> tuple[tuple[str, float], ...]:
    """The thresholds an assessment records (one shared tuple per setting)."""
    return (("blank", float(blank)), ("related", float(related)))


def _reason(rule: Rule, field: str, matched: str, weight: float, scope: str) -> Reason:
    if not weight:  # 0.0 and -0.0 are one key but print apart: built anew
        return _new_reason(rule.name, rule.why, field, matched, float(weight), scope)
    return _shared_reason(rule.name, rule.why, field, matched, float(weight), scope)


def _new_reason(name: str, why: str, field: str, matched: str, weight: float, scope: str) -> Reason:
    detail = why + scope + (" (image text)" if field == "image" else "")
    return Reason(rule=name, field=field, matched=matched, weight=weight, detail=detail)


@lru_cache(maxsize=READINGS_KEPT)
def _discounted_reason(name: str, field: str, matched: str, detail: str) -> Reason:
    """A discounted mention's reason (weight 0, why in ``detail``), one shared frozen object per
    distinct one: greetings, COD and shipping lines discount the same words listing after listing."""
    return Reason(rule=name, field=field, matched=matched, weight=0.0, detail=detail)


#: :func:`_new_reason` cached: listings that fire a rule on the same words share its frozen reason
#: (building a frozen dataclass and its detail costs more than looking it up).
_shared_reason = lru_cache(maxsize=READINGS_KEPT)(_new_reason)


def score_listing(
    title: str,
    description: str = "",
    *,
    price: int | None = None,
    image_text: str = "",
    image_sha256: str | None = None,
    blank_threshold: float = DEFAULT_BLANK_THRESHOLD,
    related_threshold: float = DEFAULT_RELATED_THRESHOLD,
) -> Assessment:
    """Score one listing: verdict, 0–100 score, the reasons and the identifiers found.

    ``price`` is accepted for the record but does not move the score: blank
    e-KTP sellers price anywhere from Rp 5.000 to Rp 500.000.

    Example: ``score_listing("Blangko e-KTP original dinas").verdict`` is ``Verdict.BLANK``.
    """
    title = title if isinstance(title, str) else ("" if title is None else str(title))
    description = description if isinstance(description, str) else ("" if description is None else str(description))
    image_text = image_text if isinstance(image_text, str) else ("" if image_text is None else str(image_text))
    written_title, written_description = title, description
    title, description, warnings_read_past = _without_own_warnings(title, description)
    title_rules, description_rules, read_past = _read_fields(title, description)
    read_past += warnings_read_past
    image_rules = _rules_in_field(image_text) if image_text else None
    reasons, blank, related = _judgement(title_rules, description_rules, image_rules)
    if (blank >= blank_threshold or related >= related_threshold) and (_told_by_no_seller(title, description) or (
            blank >= blank_threshold and _blank_spoken_of_by_others(title, description))):
        # (notice13) a notice, a news item, a warning or a story about blanks, whatever chatter a shop puts round it;
        # read as written, since a notice's hashtags are no sentence of it (tags13 reads them as the listing's words)
        reasons, blank, related = _judgement(_told(title_rules), _told(description_rules), image_rules)
        if blank < blank_threshold and _blank_spoken_of_by_others(title, description):
            # (told18) a blank only others speak of (precision14): what the poster offers beside it in its own words stays
            reasons, blank, related = _others_blank_told(title, description, (reasons, blank, related), image_rules,
                                                         (blank_threshold, related_threshold))
    if read_past:
        reasons += read_past
    if blank >= blank_threshold:
        verdict, score = Verdict.BLANK, blank
    elif related >= related_threshold:
        verdict, score = Verdict.RELATED, related
    else:
        verdict, score = Verdict.BENIGN, max(blank, related)
    title, description = written_title, written_description  # identifiers are read from the listing as written
    identifiers = extract_identifiers(title, source="title", context=description)
    if description:
        identifiers += extract_identifiers(description, source="description", context=title)
    if image_text:
        identifiers += extract_identifiers(image_text, source="image", image_sha256=image_sha256, context=title)
    if len(identifiers) > 1:
        identifiers = dedupe_identifiers(identifiers)
    return new_assessment(
        verdict, round(score, 1), reasons, identifiers, MATCHER_VERSION, SCORER,
        _thresholds(blank_threshold, related_threshold),
    )


def _read_fields(title: str, description: str) -> tuple[FieldRules | None, FieldRules | None, tuple[Reason, ...]]:
    """The title's and the description's readings as the listing's voice says them, and the reasons for lines read
    past: lines nobody says left out (tags13), a heading naming only its genre (2.9) and the shop's chatter opening the
    description (notice13) read past, a seller's genre heading (levers12) or told-of cue (levers10) lifted."""
    said_title, said_description, own, read_past = _voiced(title, description)
    title_rules = _rules_in_field(said_title) if said_title else None
    if title_rules and _reads_as_a_publication_only(title_rules) and _names_only_a_genre(said_title):
        title_rules = None  # (2.9) a heading naming only its genre names no goods: read from the description
    description_rules = _rules_in_field(own) if own else None
    title_headed = _headed(title_rules, said_title) and not _opens_with_publication(description_rules)
    description_headed = _headed(description_rules, own)
    if (title_headed or description_headed) \
            and not notice_voice(_without_spelled_stops(said_title), _without_spelled_stops(said_description), _tags_in, _spelled):
        # (levers12) a seller's "Pengumuman: <offer>": the heading read past
        title_rules = _without_heading(title_rules, said_title) if title_headed else title_rules
        description_rules = _without_heading(description_rules, own) if description_headed else description_rules
    if ((title_rules and _heads_told_of(title_rules)) or (description_rules and _heads_told_of(description_rules))) \
            and not told_of_voice(_without_spelled_stops(said_title), _without_spelled_stops(said_description), _tags_in, _spelled):
        title_rules, description_rules = _lifted(title_rules), _lifted(description_rules)  # levers10: a seller's voice
    return title_rules, description_rules, read_past


#: (levers16) Words that offer goods in a sentence: a sale word, stock said ready, cash on delivery, shipping.
_OFFERING_TAGS = frozenset({"SALE", "READY", "CUECOD", "CUESHIP"})
#: (levers17) A seller's dealing words the lexicon gives no tag: haggling, wholesale, a call to the interested.
_DEALING = re.compile(r"\b(?:nego|grosir|grosiran|eceran|minat|japri|promo|diskon|murah|reseller)\b", re.IGNORECASE)
#: (levers17) A word the warning forbids or denies ("jangan kirim uang dulu", "tidak ada stok di luar toko ini"): no offer of its own.
_DENIED_WORD = re.compile(r"\b(?:jangan|tidak|tdk|gak|ga|nggak|bukan|tanpa)(?: (?:ada|pernah|lagi|usah|perlu|mau))? \w+",
                          re.IGNORECASE)
#: The first clause of a warning (its scam named: "Waspada penipuan blangko e-KTP"), cut off what follows.
_FIRST_CLAUSE = re.compile(r"^[^,;:.!?\n]*[,;:.!?\n]*")


def _offers_in_warning(span: str) -> bool:
    """(levers16) Whether a shop's warning against its impostors offers goods itself: priced or counted, said sold,
    ready, sent or paid on delivery, haggled, or naming goods past its first clause, where the warning names its scam
    ("Hati-hati penipuan, beli blanko e-KTP di sini aja" offers them; "Awas KW blanko ktp kosong chip, bisa COD, order
    di toko kami" too; "Waspada penipuan blangko e-KTP, order hanya di toko ini" names the scam's goods only).  A word
    the warning forbids or denies offers nothing ("jangan kirim uang sebelum barang sampai")."""
    tags = _tags_in(_spelled(span.lower()))
    if GOODS_TAGS.isdisjoint(tags):
        return False
    said = _DENIED_WORD.sub(" ", span)
    if PRICE_OR_QUANTITY.search(said) or _DEALING.search(said) or not _OFFERING_TAGS.isdisjoint(_tags_in(_spelled(said.lower()))):
        return True
    rest = _FIRST_CLAUSE.sub("", span, count=1)
    return bool(rest.strip()) and not GOODS_TAGS.isdisjoint(_tags_in(_spelled(rest.lower())))


@lru_cache(maxsize=READINGS_KEPT)
def _without_own_warnings(title: str, description: str) -> tuple[str, str, tuple[Reason, ...]]:
    """(levers16) The title and the description without the shop's own warnings against its impostors
    (:func:`matchers.voiceless.without_own_warnings`), and a reason for each read past."""
    said_title, in_title = without_own_warnings(title, _offers_in_warning)
    said_description, in_description = without_own_warnings(description, _offers_in_warning)
    reasons = tuple(_discounted_reason("voiceless_own_warning", field, line, _VOICELESS_WHY["warning"])
                    for field, lines in (("title", in_title), ("description", in_description)) for line in lines)
    return said_title, said_description, reasons


def _told_by_no_seller(title: str, description: str) -> bool:
    """Whether a listing read as an offer names its goods only as an office, a newsroom, a warning or a story does
    (:func:`matchers.notice_speaker.speaks_of_goods_as_no_seller`).  Asked only of listings read as offers, and an
    offer's plain product phrase (its title, mostly) ends the reading at once; no word gate on the listing, as one would
    make a notice's reading hang on a shop line's words ("Selamat datang" holds "datang"), but an exact one on each
    sentence's searches (:mod:`matchers.told_words`), which skips only those that would find nothing."""
    return speaks_of_goods_as_no_seller(_without_spelled_stops(title), _without_spelled_stops(description), _tags_in, _spelled)


def _blank_spoken_of_by_others(title: str, description: str) -> bool:
    """Whether a listing read blank names the blank only as an asker, a refusal, a quoted scam or an office does
    (:func:`matchers.others_voices.blank_spoken_of_by_others`, precision14); its own word gate skips most listings."""
    return blank_spoken_of_by_others(_without_spelled_stops(title), _without_spelled_stops(description), _tags_in, _spelled)


#: The cue a notice's goods stand under (notice13): reported, not on offer.
_TOLD_CUE = "CUEREPORT"


@lru_cache(maxsize=READINGS_KEPT)
def _told(rules: FieldRules | None) -> FieldRules | None:
    """A field's reading with every hit put under a report's cue (notice13): in a notice, news item, warning or story
    nothing is on offer, a bonus or a variant no more than the rest."""
    if not rules:
        return rules
    return tuple((number, tuple(_hit_with_cue(hit, _TOLD_CUE) for hit in hits)) for number, hits in rules)


def _others_blank_told(title: str, description: str, told: tuple[tuple[Reason, ...], float, float],
                       image_rules: FieldRules | None, thresholds: tuple[float, float]) -> tuple[tuple[Reason, ...], float, float]:
    """(told18) The judgement of a listing whose blank only others speak of (an asker, a victim, a why-question, an
    office: :func:`_blank_spoken_of_by_others`): ``told`` (the whole listing under a report's cue, precision14), unless
    the poster's own words (:func:`matchers.others_voices.posters_own_words`: the sentences others speak left out)
    offer something related on their own and no blank.

    The poster may offer something else beside the told blank (a print service over the buyer's own blank under a
    why-question of the shortage): precision14 told the whole listing and lost that offer with the blank (rr16c-print-01,
    rr16c-buyerblank-01).  Read only in the poster's sentences, related evidence that others' sentences hold (a news
    item's forged KTP, a warning's data trade, "jual beli blanko e-KTP" read as an ID for sale) stays told."""
    own_title, own_description = posters_own_words(_without_spelled_stops(title), _without_spelled_stops(description),
                                                   _tags_in, _spelled)
    if not (own_title or own_description):
        return told
    title_rules, description_rules, _ = _read_fields(own_title, own_description)
    kept = _judgement(title_rules, description_rules, image_rules)
    blank_threshold, related_threshold = thresholds
    if kept[1] >= blank_threshold or kept[2] < related_threshold or _told_by_no_seller(own_title, own_description):
        return told
    return kept


def _spec_names_goods(words: str) -> bool:
    """Whether some words name goods (a spec value "KTP elektronik", not "Baru"): :mod:`matchers.shop_chatter`'s test."""
    return not GOODS_TAGS.isdisjoint(_tags_in(_spelled(words)))


_VOICELESS_WHY = {"link": "a link to another article or product: names no goods of this listing, read past",
                  "notice": "the shop's announcement of its own days: names no goods and makes no notice, read past",
                  "warning": "the shop's own warning against its impostors (it speaks as the shop): no report of the "
                             "goods, read past"}


@lru_cache(maxsize=READINGS_KEPT)
def _voiced(title: str, description: str) -> tuple[str, str, str, tuple[Reason, ...]]:
    """(title, description) as the listing's voice says them, the description's own text past the shop's chatter head
    (notice13: found once, for this reading and the score's), and a reason for each line read past (tags13,
    :mod:`matchers.voiceless`): link lines and shop notices taken out, and the hashtag runs of a title moved to open the
    description, where they are read as a tag list."""
    said_title, in_title = without_voiceless(title, _tags_in, GOODS_TAGS, titled=True)
    said_description, in_description = without_voiceless(hashtags_closed(description), _tags_in, GOODS_TAGS)
    rest, hashtags = title_without_hashtags(said_title, _names_goods)
    if hashtags:  # the title's own words name goods (a blank, a forgery): its hashtags are a tag list
        said_title, said_description = rest, f"{hashtags}\n{said_description}"
    own = _own_text(said_description)  # the shop's chatter head aside
    if said_description.count("#") >= 2 and not _names_another_product(said_title, HASHTAG_RUN.sub(" ", own)):
        # (tags13) hashtags under a product phrase naming no other product are the listing's words, as on 2.8 ("Promo
        # akhir tahun" / "#blangkoektp2025 #ektpkosongan kirim hari ini"); a hashtag naming another product or a genre
        # ("#pengumuman", "#holderktp") is search words still: left out
        said_description = HASHTAG_RUN.sub(_hashtags_as_words, said_description)
        own = _own_text(said_description)
    elif said_description.count("#") >= 2 and len(clauses(said_description)) == 1:
        said_description = f"\n{said_description}"  # a description of hashtags only is a tag list too
        own = _own_text(said_description)
    reasons = tuple(_discounted_reason(f"voiceless_{kind}", field, line, _VOICELESS_WHY[kind])
                    for field, lines in (("title", in_title), ("description", in_description)) for kind, line in lines)
    return said_title, said_description, own, reasons


def _own_text(description: str) -> str:
    """A description past the shop's chatter opening it (spec table, header, greeting: notice13)."""
    return description[chatter_head_end(description, _spec_names_goods):]


def _hashtags_as_words(run: re.Match[str]) -> str:
    """A run of hashtags as words, those naming another product or a genre left out (tags13)."""
    words = [tag[1:] for tag in run.group(0).replace(",", " ").split() if not any(t.startswith("NEG") for t in _tags_in(tag[1:]))]
    return f"\n{' '.join(words)}\n"


def _names_another_product(title: str, description: str) -> bool:
    """Whether the product phrase (the title's first clause, or under a title naming nothing the description's) names
    a product by a negative that is neither negated nor under a cue ("Case KTP transparan", "Holder KTP kulit") (tags13)."""
    for text in (title, description):
        rules = _rules_in_field(text) if text else ()
        if rules:
            number, hits = rules[0]
            return number == 0 and any(hit.rule in _NEGATIVE_RULES and hit.rule != _PUBLICATION_RULE and not hit.negator
                                       and not hit.cue for hit in hits)  # a genre heading names no product
    return False


def _names_goods(text: str) -> bool:
    """Whether a text names goods of the matcher's kind: a strong blank or related rule fires in it, or another positive
    one in two or more words of its own, not only a claim in a respelt word's pieces ("#d.u.k.c.a.p.i.l_ori") (tags13)."""
    hits = [hit for _, field_hits in (_rules_in_field(text) if text else ()) for hit in field_hits
            if RULES[hit.rule].channel != "negative"]
    return any(RULES[hit.rule].group in _CORE_GROUPS for hit in hits) or (
        bool(hits) and len(re.findall(r"[^\W\d_]{3,}", text)) >= 2)


@lru_cache(maxsize=4096)
def _spelled(text: str) -> str:
    """Some words as the matcher spells them, joined by spaces ("a*k*u*n FB" -> "akun facebook"): how
    :mod:`matchers.told_voice` reads a respelt sentence."""
    return " ".join(canonical_of_words(normal_words(read_by_sound(text))))


#: (2.9) The words of a heading that names only its genre: a notice, news, information, with who it is for and how new
#: or important it is ("Pengumuman", "Info penting!!", "Kabar warga", "Berita terkini").
_GENRE_HEADING_WORDS = GENRE_HEADS | {"pers", "release", "update", "penting", "resmi", "terbaru", "terkini", "untuk", "bagi",
                                       "warga", "masyarakat"}


_PUBLICATION_RULE = _RULE_INDEX["neg_publication"]


def _reads_as_a_publication_only(rules: FieldRules) -> bool:
    """Whether a field's reading is a publication and nothing else: the only reading a genre heading can have, so
    the heading's words are looked at only then (spelling every title cost 7 % of scoring)."""
    hits = [hit for _, clause_hits in rules for hit in clause_hits]
    return bool(hits) and all(hit.rule == _PUBLICATION_RULE for hit in hits)


def _names_only_a_genre(title: str) -> bool:
    """Whether a title is only a genre's heading ("Pengumuman", "Info penting!!"): it names no goods, so the listing is
    read from its description alone (2.9).  Read as a title, "pengumuman" was a publication in the product phrase
    (-90) and a seller who titled any offer so hid it (4,548 of the 4,940 offers the tune rows read right, hostile10);
    an office's notice or a news item under such a title says what it is in its own text.  A heading with its subject
    ("Pengumuman Disdukcapil: blangko tersedia") names more than its genre and is read as before."""
    if len(title) > 60:
        return False
    words = _spelled(title).split()
    return bool(words) and _GENRE_HEADING_WORDS.issuperset(words)


def _names_a_genre(hit: Hit) -> bool:
    """Whether a hit is a publication read from a genre's word ("pengumuman", "info dari kelurahan")."""
    return hit.rule == _PUBLICATION_RULE and hit.matched.split(" ", 1)[0] in GENRE_HEADS


def _genre_heads(rules: FieldRules | None) -> bool:
    """Whether a title opens with a genre heading before its subject (levers12): its first clause's publication hit
    is a genre's word before anything else read there ("Pengumuman: blangko e-KTP kosong ready", "Mau tanya:
    Pengumuman: …"), not a publication on offer ("Buku panduan e-KTP") nor a genre word after the goods."""
    if not rules:
        return False
    number, hits = rules[0]  # a cheap gate first: most titles read no publication at all
    return number == 0 and any(hit.rule == _PUBLICATION_RULE for hit in hits) and bool(_heading_of(hits))


def _heading_of(hits: tuple[Hit, ...]) -> frozenset[Hit]:
    """The hits of a clause that are a genre heading: genre words read before any other hit of the clause."""
    start = min((hit.first for hit in hits if not _names_a_genre(hit)), default=1 << 30)
    return frozenset(hit for hit in hits if hit.last < start and _names_a_genre(hit))


#: (levers12) A notice's appeal heading a field ("Himbauan: …", "Imbauan …"): read as a warning cue (CUEWARN) over the
#: clause, it hid 1,987 of 4,987 offers before their titles; the heading's own words, up to its separator.
_APPEAL_HEADING = re.compile(r"^\W*(?:[\w-]+\s*[:!|]+\s*)?(?:himbauan|imbauan)\b(?: [\w-]+){0,3}?\s*(?:[:|!]+|\s[-–—]|(?=\s))\s*", re.IGNORECASE)
_WARNING_CUE = "CUEWARN"


def _headed(rules: FieldRules | None, text: str) -> bool:
    """Whether a field opens with a genre heading before its subject (:func:`_genre_heads`) or with a notice's appeal
    whose warning cue is the heading's alone (:func:`_appeal_heads`)."""
    return _genre_heads(rules) or _appeal_heads(rules, text)


def _appeal_heads(rules: FieldRules | None, text: str) -> bool:
    """Whether a field's first clause stands under a warning cue that only its heading brings ("Himbauan: blangko e-KTP
    kosong ori", "Laporan: Himbauan: …"), not a warning the clause says after it ("Himbauan: waspada penipuan
    blangko")."""
    if not rules or rules[0][0] != 0 or not any(hit.cue for hit in rules[0][1]):
        return False
    heading = _APPEAL_HEADING.match(text)
    if heading is None:
        return False
    rest = re.split(r"[.,!?;\n]", text[heading.end():], maxsplit=1)[0]
    return _WARNING_CUE not in _tags_in(_spelled(rest))


def _without_heading(rules: FieldRules | None, text: str) -> FieldRules | None:
    """A field's reading with its heading read past: its genre words (:func:`_without_genre_heading`), or an appeal
    heading's words, the field read from after them."""
    if not rules:
        return rules
    heading = _APPEAL_HEADING.match(text) if _appeal_heads(rules, text) else None
    if heading is not None:  # the cue took the place of what each hit stood under ("bisa diprint pake printer"): read anew
        rules = _rules_in_field(text[heading.end():]) or None
    return _without_genre_heading(rules) if _genre_heads(rules) else rules


def _opens_with_publication(rules: FieldRules | None) -> bool:
    """Whether a description opens by naming a publication ("Artikel berita tentang …", "Buku informasi layanan KTP"):
    the genre heading over it names the genre of the goods or the text, and is kept (levers12).  A notice's own word
    ("Diinformasikan kepada …", "Info: …") names no medium."""
    if not rules:
        return False
    number, hits = rules[0]
    return number == 0 and any(hit.rule == _PUBLICATION_RULE and hit.first == 0
                               and hit.matched.split(" ", 1)[0] in _MEDIA for hit in hits)


#: The publication words that name a medium, not a notice ("artikel", "koran", "buku": an article or a paper sold or
#: quoted), as the lexicon's publication reading spells them.
_MEDIA = frozenset({"artikel", "kliping", "koran", "majalah", "buku", "book", "ebook", "jurnal", "tabloid", "buletin",
                    "skripsi", "tesis", "makalah", "novel"})


@lru_cache(maxsize=READINGS_KEPT)
def _without_genre_heading(rules: FieldRules) -> FieldRules:
    """A title's reading with its genre heading read past (levers12): a heading names the genre of what follows, and
    what follows is read as the title's product phrase, as it would be without it.  Read so only when the listing
    does not speak as a notice (:func:`matchers.told_voice.notice_voice`): under "Pengumuman:" a seller's offer
    keeps the seller's voice, or names nothing a notice says (4,692 of 4,940 offers the tune rows read right were
    hidden by the heading on 2.9)."""
    (number, hits), rest = rules[0], rules[1:]
    heading = _heading_of(hits)
    kept = tuple(hit for hit in hits if hit not in heading)
    return ((number, kept), *rest) if kept else rest


def _head_cue_in(rules: FieldRules) -> bool:
    """Whether a report, discussion or question cue discounts some hit of a field's reading (levers10)."""
    return any(hit.cue == _HEAD_CUE for _, hits in rules for hit in hits)


#: :func:`_head_cue_in` looked up by the reading's identity (readings are shared objects): most listings never read
#: their sentences' voice, and pay a dict lookup per field for it.
_heads_told_of = IdentityMemo(_head_cue_in, READINGS_KEPT)


@lru_cache(maxsize=READINGS_KEPT)
def _lifted(rules: FieldRules | None) -> FieldRules | None:
    """A field's reading with its report, discussion or question cue read past (levers10): each hit stands under the cue
    it would without it (``Hit.beneath``), since the listing speaks as a seller ("Diskusi: blanko e-KTP kosong, stok
    50") or tells of the goods once.  Cached, so a field lifted is one object the judgement memo finds again."""
    if not rules:
        return rules
    return tuple((number, tuple(_hit_with_cue(hit, hit.beneath) if hit.cue == _HEAD_CUE else hit for hit in hits))
                 for number, hits in rules)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector, restoring its previous state after.

    Scoring makes many small objects and no reference cycles, so the collector
    finds nothing, yet as a batch's result list grows it walks it again and
    again (about an eighth of ``score_many``'s time on 100,000 listings).
    Reference counting still frees everything at once; only cycles made by
    other threads meanwhile wait until the batch ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def score_many(rows: Iterable[tuple[str, str]], **opts: Any) -> list[Assessment]:
    """Score many (title, description) pairs, in order; identical pairs are scored once.

    Assessments are frozen, so repeated listings share one object.  Fields
    are cached across calls as well (see ``_rules_in_field``).

    Example: ``score_many([("Blangko e-KTP", ""), ("Kaos polos", "")])``.
    """
    seen: dict[tuple[str, str], Assessment] = {}
    out: list[Assessment] = []
    with _cyclic_gc_paused():
        for title, description in rows:
            key = (title or "", description or "")
            assessment = seen.get(key)
            if assessment is None:
                assessment = seen[key] = score_listing(*key, **opts)
            out.append(assessment)
    return out
