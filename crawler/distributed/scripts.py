"""The Lua scripts of a distributed scan: every step that must not interleave with another worker.

A request is always either queued or in one worker's in-flight hash (its pop
moves it there atomically); a worker whose heartbeat expired has its in-flight
requests put back; a scan is *done* when every queue of the scan is empty and
no worker holds a request, checked and marked in one step.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from crawler.distributed.keys import ScanKeys, worker_names

log = logging.getLogger(__name__)

#: KEYS: queue, inflight hash. Moves the best request into the in-flight hash ("score queue").
POP_LUA = """
local r = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #r == 0 then return false end
redis.call('ZREM', KEYS[1], r[1])
redis.call('HSET', KEYS[2], r[1], r[2] .. ' ' .. KEYS[1])
return r[1]
"""

#: KEYS: heartbeat, inflight hash, workers set; ARGV: worker. Re-queues a dead worker's requests.
REAP_LUA = """
if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
local entries = redis.call('HGETALL', KEYS[2])
for i = 1, #entries, 2 do
  local v = entries[i + 1]
  local sp = string.find(v, ' ', 1, true)
  redis.call('ZADD', string.sub(v, sp + 1), tonumber(string.sub(v, 1, sp - 1)), entries[i])
end
redis.call('DEL', KEYS[2])
redis.call('SREM', KEYS[3], ARGV[1])
return #entries / 2
"""

#: KEYS: inflight hash; ARGV: raw requests. Puts a worker's own in-flight requests back in their queues.
REQUEUE_LUA = """
local moved = 0
for i = 1, #ARGV do
  local v = redis.call('HGET', KEYS[1], ARGV[i])
  if v then
    local sp = string.find(v, ' ', 1, true)
    redis.call('ZADD', string.sub(v, sp + 1), tonumber(string.sub(v, 1, sp - 1)), ARGV[i])
    redis.call('HDEL', KEYS[1], ARGV[i])
    moved = moved + 1
  end
end
return moved
"""

#: KEYS: meta, workers set; ARGV: inflight prefix, queue keys... Marks the scan done when it is.
DONE_LUA = """
local status = redis.call('HGET', KEYS[1], 'status')
if status == 'done' then return 1 end
if status ~= 'running' then return 0 end
for i = 2, #ARGV do
  if redis.call('ZCARD', ARGV[i]) > 0 then return 0 end
end
for _, w in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  if redis.call('HLEN', ARGV[1] .. w) > 0 then return 0 end
end
redis.call('HSET', KEYS[1], 'status', 'done')
return 1
"""


def reap_dead_workers(server: Any, keys: ScanKeys) -> int:
    """Re-queue the in-flight requests of every worker whose heartbeat expired."""
    reap = server.register_script(REAP_LUA)
    requeued = 0
    for worker in worker_names(server, keys):
        count = int(reap(keys=[keys.heartbeat(worker), keys.inflight(worker), keys.workers],
                         args=[worker]))
        if count > 0:
            log.warning("worker %s stopped beating: re-queued %d request(s)", worker, count)
            requeued += count
    return requeued


def scan_is_done(server: Any, keys: ScanKeys, spiders: Sequence[str]) -> bool:
    """True (and marked) when every queue is empty and no worker holds a request."""
    check = server.register_script(DONE_LUA)
    queues = [keys.queue(s) for s in spiders]
    return bool(check(keys=[keys.meta, keys.workers], args=[keys.inflight_prefix, *queues]))


def live_workers(server: Any, keys: ScanKeys) -> int:
    """Workers of the scan whose heartbeat has not expired."""
    return sum(1 for name in worker_names(server, keys) if server.exists(keys.heartbeat(name)))
