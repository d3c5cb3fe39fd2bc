"""Validate() and has_feature() through the Python binding, beside a bare ctypes call of an
empty C function with the same signature. Usage: python_bench.py FLOOR_LIBRARY DATA_DIR KEYS
PRODUCT CODE (a data directory with an installed license)."""

import ctypes
import sys
import time

import licensor

N = 1_000_000


def best_ns(call, rounds: int = 5) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter_ns()
        for _ in range(N):
            call()
        best = min(best, (time.perf_counter_ns() - start) / N)
    return best


def main() -> None:
    floor_lib = ctypes.CDLL(sys.argv[1])
    floor = floor_lib.licensor_ffi_floor
    floor.argtypes = [ctypes.c_void_p]
    floor.restype = ctypes.c_int
    with open(sys.argv[3], encoding="utf-8") as keys:
        client = licensor.Client(product_id=sys.argv[4], data_dir=sys.argv[2],
                                 public_keys_json=keys.read(), license_code=sys.argv[5])
    assert client.validate() == licensor.Code.VALID, client.detail()
    handle = client._handle
    rows = [
        ("bare ctypes call of an empty C function", best_ns(lambda: floor(handle))),
        ("Client.validate()", best_ns(client.validate)),
        ("Client.has_feature(\"core\")", best_ns(lambda: client.has_feature("core"))),
    ]
    floor_ns = rows[0][1]
    for name, ns in rows:
        print(f"  python  {name:<42} {ns:8.0f} ns {1e9 / ns:12,.0f}/s  "
              f"{ns - floor_ns:6.0f} ns above the bare call")
    client.close()


main()
