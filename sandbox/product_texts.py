"""Word material for the sandbox's ordinary products: categories, title templates, brands, cities.

Kept apart from the generator so the catalogue logic stays short and the
vocabulary can grow without touching it. Titles imitate how Indonesian sellers
write them (brand first, keywords stacked, "Ready", "COD", "Original"), because
the matchers and the search must cope with that style, not with tidy English.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProductFamily:
    """One kind of product: how its titles are built and what it costs."""

    category: str
    titles: tuple[str, ...]
    #: values for the ``{a}``, ``{b}`` slots in ``titles``
    slot_a: tuple[str, ...]
    slot_b: tuple[str, ...]
    price_min: int
    price_max: int
    blurb: tuple[str, ...]


CITIES = (
    "Jakarta Pusat", "Jakarta Barat", "Jakarta Timur", "Jakarta Selatan", "Jakarta Utara",
    "Bandung", "Surabaya", "Semarang", "Yogyakarta", "Solo", "Medan", "Makassar",
    "Palembang", "Denpasar", "Malang", "Bekasi", "Tangerang", "Depok", "Bogor",
    "Batam", "Pekanbaru", "Balikpapan", "Pontianak", "Banjarmasin", "Padang",
    "Manado", "Cirebon", "Tasikmalaya", "Kediri", "Jember", "Sidoarjo", "Garut",
)

SHOP_PREFIX = (
    "Toko", "Grosir", "Sumber", "Berkah", "Cahaya", "Mitra", "Pusat", "Gudang",
    "Rumah", "Sentra", "Jaya", "Kios", "Distro", "Galeri", "Warung",
)
SHOP_CORE = (
    "Berkah Jaya", "Rejeki", "Makmur", "Abadi", "Sejahtera", "Mandiri", "Sentosa",
    "Barokah", "Amanah", "Lestari", "Sinar", "Indah", "Murah", "Official", "Elektronik",
    "Cell", "Batik", "Sembako", "Fashion", "Komputer", "ATK", "Printing", "Gadget",
)
SHOP_SUFFIX = ("", "", "", " 88", " 99", " Store", " Shop", " ID", " Official", " Group")

DESCRIPTION_OPENERS = (
    "Barang baru 100% original, bukan KW.",
    "Ready stok, langsung kirim hari ini.",
    "Harga grosir, bisa untuk reseller dan dropship.",
    "Produk berkualitas dengan harga terjangkau.",
    "Stok terbatas, silakan langsung checkout.",
    "Kualitas premium, sudah banyak testimoni pembeli.",
)
DESCRIPTION_CLOSERS = (
    "Pengiriman setiap hari Senin-Sabtu sebelum jam 15.00.",
    "Mohon cantumkan warna/varian di catatan pesanan.",
    "Barang dicek sebelum dikirim, packing aman pakai bubble wrap.",
    "Terima COD dan semua ekspedisi (JNE, J&T, SiCepat, AnterAja).",
    "Garansi toko 7 hari jika barang cacat produksi.",
    "Jangan lupa follow toko kami untuk promo berikutnya.",
)

FAMILIES: tuple[ProductFamily, ...] = (
    ProductFamily(
        "Handphone & Tablet",
        ("{a} {b} Garansi Resmi", "HP {a} {b} Second Mulus", "{a} {b} RAM 8/256 Original",
         "Smartphone {a} {b} Baru Segel", "{a} {b} 5G Ready Stok"),
        ("Samsung", "Xiaomi", "Redmi", "Oppo", "Vivo", "Realme", "Infinix", "iPhone", "Tecno", "Poco"),
        ("A15", "Note 13", "A58", "Y17s", "C67", "Hot 40i", "13 Pro", "Spark 20", "X6 Pro", "A05s"),
        800_000, 18_000_000,
        ("Fullset dus, charger dan kabel data original.", "Imei terdaftar resmi Kemenperin."),
    ),
    ProductFamily(
        "Makanan & Minuman",
        ("Beras {a} {b} Kg", "Beras Premium {a} {b} kg Pulen", "Beras {a} Organik {b} Kg Murah",
         "{a} Beras Pandan Wangi {b} Kg"),
        ("Rojolele", "Setra Ramos", "Pandan Wangi", "Cianjur", "Mentik Wangi", "IR64", "Sania", "Fortune"),
        ("5", "10", "25", "2,5", "20"),
        60_000, 400_000,
        ("Beras baru giling, tanpa pemutih dan pengawet.", "Kemasan karung tebal, aman dikirim."),
    ),
    ProductFamily(
        "Fashion Pria",
        ("Kemeja Batik {a} Motif {b} Lengan Panjang", "Batik {a} {b} Pria Premium",
         "Blangkon {a} Motif {b}", "Blangkon {a} Asli Handmade {b}", "Kain Batik {a} {b} Cap Tulis"),
        ("Solo", "Jogja", "Pekalongan", "Madura", "Cirebon", "Lasem", "Sunda", "Bali"),
        ("Parang", "Kawung", "Mega Mendung", "Truntum", "Sidomukti", "Sogan", "Lereng", "Tulis Halus"),
        45_000, 650_000,
        ("Bahan katun primisima adem.", "Ukuran lengkap M, L, XL, XXL.", "Cocok untuk kondangan dan acara resmi."),
    ),
    ProductFamily(
        "Fashion Wanita",
        ("Gamis {a} {b} Busui Friendly", "Hijab Pashmina {a} {b}", "Tunik {a} {b} Kekinian",
         "Daster {a} {b} Adem Jumbo"),
        ("Ceruty", "Rayon", "Katun Jepang", "Jersey", "Wolfis", "Linen", "Crinkle", "Silk"),
        ("Polos", "Motif Bunga", "Premium", "Syari", "Terbaru", "Kekinian", "Elegan"),
        25_000, 350_000,
        ("All size fit to L.", "Warna sesuai foto, bisa request warna lewat catatan."),
    ),
    ProductFamily(
        "Aksesoris Dompet",
        ("Dompet {a} Pria Kulit {b}", "Card Holder {a} {b} Slim", "Tas Selempang {a} {b}",
         "Gantungan Kunci {a} {b}"),
        ("Kulit Asli", "Canvas", "Levis", "Kulit Sapi", "Anyaman", "Sintetis"),
        ("Hitam", "Coklat", "Navy", "Slim Fit", "Lipat 2", "Premium", "Unisex"),
        15_000, 300_000,
        ("Jahitan rapi dan kuat.", "Banyak slot kartu dan uang."),
    ),
    ProductFamily(
        "Komputer & Laptop",
        ("Laptop {a} {b} Core i5 SSD 512", "{a} {b} Ryzen 5 Bekas Mulus", "Mouse Wireless {a} {b}",
         "Keyboard Mechanical {a} {b}", "Flashdisk {a} {b} GB"),
        ("Asus", "Lenovo", "Acer", "HP", "Dell", "Logitech", "Rexus", "SanDisk", "Toshiba"),
        ("Vivobook 14", "IdeaPad Slim 3", "Aspire 5", "14s", "Latitude", "M170", "Daxa", "32", "64"),
        50_000, 12_000_000,
        ("Garansi resmi, nota pembelian disertakan.", "Sudah terinstal OS dan driver lengkap."),
    ),
    ProductFamily(
        "Printer & Scanner",
        ("Printer {a} {b} Print Scan Copy", "Printer Kartu ID Card {a} {b}", "Tinta {a} {b} Original 70ml",
         "Printer Thermal {a} {b} Bluetooth"),
        ("Epson", "Canon", "Brother", "HP", "Zebra", "Evolis", "Fargo", "Datacard"),
        ("L3210", "G2010", "DCP-T420W", "ZC300", "Primacy 2", "DTC1250e", "003", "Ink Tank"),
        70_000, 28_000_000,
        ("Bergaransi resmi distributor Indonesia.", "Bisa untuk usaha fotokopi dan percetakan."),
    ),
    ProductFamily(
        "Alat Tulis & Kantor",
        ("Map {a} {b} Isi 12", "Buku Nota {a} {b} Rangkap", "Stempel {a} {b} Custom Nama",
         "Kertas HVS {a} {b} Gram 1 Rim", "Amplop {a} {b} Isi 100", "Buku Tulis {a} {b} 38 Lembar"),
        ("Bantex", "Kiky", "Sinar Dunia", "Paperline", "Joyko", "Big Boss", "PaperOne", "Sidu"),
        ("A4", "F4", "Folio", "Kuarto", "2 Ply", "3 Ply", "70", "80", "Coklat", "Putih"),
        8_000, 180_000,
        ("Cocok untuk kantor, sekolah dan toko.", "Harga per pak, bisa grosir."),
    ),
    ProductFamily(
        "Elektronik Rumah",
        ("Rice Cooker {a} {b} 1.8 Liter", "Kipas Angin {a} {b} 16 Inch", "Blender {a} {b} Kaca",
         "Setrika {a} {b} Anti Lengket", "Dispenser {a} {b} Galon Bawah"),
        ("Miyako", "Cosmos", "Maspion", "Philips", "Sharp", "Panasonic", "Yong Ma", "Sanken"),
        ("MCM-508", "Deluxe", "Turbo", "Hemat Listrik", "Stainless", "Low Watt", "Digital"),
        90_000, 2_500_000,
        ("SNI dan garansi resmi 1 tahun.", "Hemat listrik, cocok untuk rumah tangga."),
    ),
    ProductFamily(
        "Kesehatan & Kecantikan",
        ("Serum {a} {b} 20ml BPOM", "Skincare {a} Paket {b}", "Sunscreen {a} {b} SPF 50",
         "Masker {a} {b} Isi 50 pcs"),
        ("Wardah", "Somethinc", "Scarlett", "Azarine", "Emina", "Skintific", "Sensi", "Make Over"),
        ("Brightening", "Acne", "Glowing", "Niacinamide", "Hydrating", "Earlop", "Duckbill"),
        15_000, 450_000,
        ("Sudah BPOM, aman untuk kulit sensitif.", "Expired masih lama."),
    ),
    ProductFamily(
        "Otomotif",
        ("Oli {a} {b} 1 Liter", "Helm {a} {b} SNI Full Face", "Ban Motor {a} {b} Tubeless",
         "Spion {a} {b} Universal"),
        ("Yamalube", "Shell Advance", "Federal", "KYT", "INK", "IRC", "FDR", "Aspira"),
        ("10W-40", "Matic", "Sport", "70/90-14", "80/90-14", "Retro", "Original"),
        25_000, 1_500_000,
        ("Produk original dari distributor resmi.",),
    ),
)
