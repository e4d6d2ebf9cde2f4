#!/usr/bin/env python3
"""Rebuilds the seed corpora in fuzz/corpus/<target>/ from the captured vectors in ../shared/protocol/vectors.

usage: fuzz/make-corpus.py [VECTORS_DIR]

The seeds are committed; run this only to refresh them. Each seed is a real capture cut to what the target reads
(a Levin body, a whole Levin stream, a JSON-RPC request body, an Authorization header); the config file, ban list and
peer-list seeds are written from the addresses, ports and flags of those captures (MANIFEST.md), since no such
files were captured; the asn-map seeds are the repository's test map (tests/TestData/asn).
"""
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "shared", "protocol", "vectors")
CORPUS = os.path.join(HERE, "corpus")

# Levin message vectors: (file, wire-target selector = index in WireTarget.Decoders or None)
MESSAGES = [
    ("p2p_testnet/handshake_request.hex", 0),
    ("p2p_testnet/handshake_response.hex", 1),
    ("p2p_testnet/timed_sync_request.hex", 2),
    ("p2p_testnet/timed_sync_response.hex", 3),
    ("p2p_probe_testnet/ping_request.hex", 4),
    ("p2p_probe_testnet/ping_response.hex", 5),
    ("p2p_regtest/support_flags_request__R1.hex", 6),
    ("p2p_probe_testnet/support_flags_response__from_monerod.hex", 7),
    ("p2p_regtest/new_block_full__height2__to_peer_without_fluffy_flag.hex", 8),
    ("p2p_regtest/new_transactions__empty__R1.hex", 9),
    ("p2p_probe_testnet/request_chain__to_peer_with_unknown_top.hex", 10),
    ("p2p_regtest/new_fluffy_block__height2.hex", 11),
    ("p2p_testnet/get_txpool_complement__from_initiator.hex", 12),
    ("p2p_peerlist/handshake_response__with_local_peerlist_new.hex", 1),
    ("p2p_probe_testnet/malformed_handshake_request__garbage_body.hex", 0),
]

# Levin streams: (name, first byte = chunking/limit control of LevinTarget, message files)
STREAMS = [
    ("handshake_request", 0x7F, ["p2p_testnet/handshake_request.hex"]),
    ("ping_request_response_chunked", 0x07, ["p2p_probe_testnet/ping_request.hex", "p2p_probe_testnet/ping_response.hex"]),
    ("unknown_command_response_empty_body", 0x20, ["p2p_probe_testnet/unknown_command_9999_response__rc_minus6.hex"]),
    ("handshake_then_timed_sync_raised_limit", 0x9F,
     ["p2p_testnet/handshake_response.hex", "p2p_testnet/timed_sync_request.hex"]),
    ("fluffy_block", 0x3F, ["p2p_regtest/new_fluffy_block__height2.hex"]),
]

RPC_REQUESTS = [
    "banned__host_true.txt", "error__bad_json.txt", "error__bad_json_brace.txt", "error__batch_array.txt",
    "error__invalid_params_type.txt", "error__method_not_string.txt", "flush_txpool__bad_txid.txt",
    "generateblocks__R1_regtest_1block.txt", "get_connections__A_again.txt", "get_peer_list__A.txt",
    "get_public_nodes__R1.txt", "id__big_uint_id.txt", "id__float_negative_id.txt", "id__object_id.txt",
    "id__null_id.txt", "in_peers__set_1__R1.txt", "out_peers__set_8__R2.txt", "set_bans__host_subnet_ip.txt",
    "set_bans__bad_host.txt", "sync_info__A.txt", "jsonrpc__no_params_no_jsonrpc_field.txt",
]

CONFIG_FILES = {
    # the flags of testnet node B in MANIFEST.md
    "testnet_node_b.conf": (
        "# testnet node B of p2p_testnet/\n"
        "testnet=1\n"
        "p2p-bind-ip=127.0.0.1\n"
        "p2p-bind-port=39220\n"
        "rpc-bind-ip=127.0.0.1\n"
        "rpc-bind-port=39221\n"
        "add-exclusive-node=127.0.0.1:39210\n"
        "no-igd=1\n"
        "log-level=1   # net:DEBUG in the capture\n"
    ),
    # regtest R4 with --rpc-login, and a section header
    "regtest_login_section.conf": (
        "regtest = true\n"
        "fixed-difficulty = 1\n"
        "rpc-bind-port = 39291\n"
        "rpc-login = monero:s3cret\n"
        "[p2p]\n"
        "out-peers=8\n"
    ),
    "peerlist_add_peer.conf": (
        "testnet=yes\n"
        "p2p-bind-port=39202\n"
        "rpc-bind-port=39203\n"
        "add-peer=192.0.2.10:28080\n"
        "add-peer=[2001:db8::10]:28080\n"
        "add-peer=198.51.100.20:28081\n"
        "ban-list=bans.txt\n"
    ),
}

BAN_LISTS = {
    # the hosts and subnets of rpc/set_bans__host_subnet_ip.txt and rpc/banned__in_banned_subnet.txt
    "set_bans_hosts_and_subnets.txt": "# bans set over RPC in rpc/set_bans__host_subnet_ip.txt\n192.0.2.7\n198.51.100.0/24\n",
    "ipv6_and_comments.txt": "::1  # the IPv6 loopback peer of ipv6_loopback_p2p_rpc.pcap\n2001:db8::/32\n\n127.0.0.30\n10.1.2.3/8\n",
    "bad_lines.txt": "bad host!\n192.0.2.300\n1.2\n::ffff:192.0.2.7/120\n",
}

PEER_LISTS = {
    # the peers of p2p_peerlist/ (added with --add-peer) and the peer ids of testnet nodes A and B
    "white_gray_anchor.json": """{
  "version": 1,
  "network": "testnet",
  "white": [
    { "ip": "192.0.2.10", "port": 28080, "peer_id": 7587942686734057879, "last_seen": 1795846800,
      "pruning_seed": 0, "rpc_port": 0, "rpc_credits_per_hash": 0 },
    { "ip": "2001:db8::10", "port": 28080, "peer_id": 7166440751265033077, "last_seen": 1795846801,
      "pruning_seed": 386, "rpc_port": 28081, "rpc_credits_per_hash": 0 }
  ],
  "gray": [
    { "ip": "198.51.100.20", "port": 28081, "peer_id": 1, "last_seen": 0, "pruning_seed": 0, "rpc_port": 0,
      "rpc_credits_per_hash": 0 }
  ],
  "anchor": [
    { "ip": "127.0.0.1", "port": 39210, "peer_id": 7587942686734057879, "last_seen": 1795846700,
      "pruning_seed": 0, "rpc_port": 39211, "rpc_credits_per_hash": 0 }
  ]
}
""",
    "empty_lists.json": '{"version":1,"network":"testnet","white":[],"gray":[],"anchor":[]}\n',
    "other_network.json": '{"version":1,"network":"stagenet","white":[{"ip":"127.0.0.1","port":39204}]}\n',
}


def packet(body, flags, command=0):
    """A Levin packet around body, header fields little-endian: signature, length, expect-response, command,
    return code, flags, protocol version 1."""
    import struct
    return struct.pack("<QQBIiII", 0x0101010101012101, len(body), 0, command, 0, flags, 1) + body


def fragmented(path):
    """A captured message sent as monerod sends a fragmented one: a dummy packet (BEGIN|END), then the whole message
    cut into a BEGIN and an END fragment."""
    whole = message(path)
    cut = len(whole) // 2
    return packet(b"\0" * 8, 4 | 8) + packet(whole[:cut], 4) + packet(whole[cut:], 8)


def message(path):
    return bytes.fromhex(open(os.path.join(VECTORS, path)).read().strip())


def request_parts(path):
    text = open(os.path.join(VECTORS, "rpc", path), "rb").read()
    request = text.split(b"# ---- REQUEST")[1].split(b"\n", 1)[1].split(b"# ---- RESPONSE")[0]
    head, sep, body = request.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = request.partition(b"\n\n")
    if body.endswith(b"\n"):
        body = body[:-1]  # the transcript's line break before the next marker
    return head, body


def authorization_headers():
    headers = []
    # curl's trace: the request header is hex-dump lines "OFFS: text"; the Authorization header spans several
    lines = open(os.path.join(VECTORS, "rpc", "login__digest_flow_curl_trace.txt")).read().splitlines()
    text = ""
    for line in lines:
        if line.startswith("=> Send header"):
            text = ""
        elif len(line) > 6 and line[4] == ":" and all(c in "0123456789abcdef" for c in line[:4]):
            text += line[6:]
            if "Authorization:" in text and "User-Agent" in text:
                break
    start = text.index("Authorization:") + len("Authorization:")
    headers.append(("curl_md5_qop_auth", text[start:text.index("User-Agent")].strip()))
    head, _ = request_parts("login__get_connections_no_connections_wrong_password.txt")
    for line in head.decode().splitlines():
        if line.lower().startswith("authorization:"):
            headers.append(("wrong_password_no_qop", line.split(":", 1)[1].strip()))
    return headers


def write(target, name, content):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(content if isinstance(content, bytes) else content.encode())


def main():
    for target in ("epee", "levin", "wire", "json-rpc", "digest", "config-file", "ban-list", "peer-list", "asn-map"):
        shutil.rmtree(os.path.join(CORPUS, target), ignore_errors=True)
    for path, selector in MESSAGES:
        name = os.path.basename(path)[: -len(".hex")]
        body = message(path)[33:]
        write("epee", name + ".bin", body)
        write("wire", f"{selector:02d}_{name}.bin", bytes([selector]) + body)
    for name, control, paths in STREAMS:
        write("levin", name + ".bin", bytes([control]) + b"".join(message(p) for p in paths))
    write("levin", "ping_request_in_fragments.bin", bytes([0x0F]) + fragmented("p2p_probe_testnet/ping_request.hex"))
    for path in RPC_REQUESTS:
        _, body = request_parts(path)
        write("json-rpc", path[: -len(".txt")] + ".json", body)
    for name, header in authorization_headers():
        write("digest", name + ".txt", header)
    for name, text in CONFIG_FILES.items():
        write("config-file", name, text)
    for name, text in BAN_LISTS.items():
        write("ban-list", name, text)
    for name, text in PEER_LISTS.items():
        write("peer-list", name, text)
    # the repository's own test map (tests/TestData/asn, documentation and loopback ranges), plain and gzip
    asn = os.path.join(HERE, "..", "tests", "TestData", "asn")
    for name in ("test-asn-map.tsv", "test-asn-map.tsv.gz"):
        write("asn-map", name, open(os.path.join(asn, name), "rb").read())


if __name__ == "__main__":
    main()
