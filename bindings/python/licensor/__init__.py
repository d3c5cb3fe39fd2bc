"""Licensor client SDK for Python.

A product proves its license with it: activate once online (or load an offline license file),
then ask :meth:`Client.validate` and :meth:`Client.has_feature` as often as it likes. The
answers come from a verified license file held in memory by ``liblicensor``; they never wait
for the network. This module wraps the library's C ABI (``licensor.h``) with ``ctypes``.

The library is found at ``$LICENSOR_LIBRARY`` when set, else as ``liblicensor.so.0`` on the
system's library path or in the ``lib`` directory of this Python's prefix, ``/usr/local`` or
``/usr`` (see ``_library_candidates``).
"""

from __future__ import annotations

import ctypes
import enum
import json
import os
import sys
import sysconfig
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Mapping, Optional

__all__ = [
    "Code",
    "LogLevel",
    "LicenseInfo",
    "Client",
    "LicensorError",
    "code_message",
    "collect_machine",
]


class Code(enum.IntEnum):
    """Every answer of the SDK, with the numbers of ``licensor.h`` (they never change)."""

    VALID = 0
    IN_GRACE_PERIOD = 1
    OFFLINE_GRACE = 2
    NOT_ACTIVATED = 10
    EXPIRED = 11
    NOT_YET_VALID = 12
    FINGERPRINT_MISMATCH = 13
    REFRESH_REQUIRED = 14
    CLOCK_TAMPERED = 15
    REPLAYED = 16
    FEATURE_MISSING = 17
    MALFORMED = 20
    UNSUPPORTED_VERSION = 21
    UNSUPPORTED_ALGORITHM = 22
    UNKNOWN_KEY = 23
    RETIRED_KEY = 24
    BAD_SIGNATURE = 25
    BAD_PAYLOAD = 26
    CANNOT_DECRYPT = 27
    WRONG_LICENSE = 28
    WRONG_PRODUCT = 29
    SERVER_UNREACHABLE = 30
    LICENSE_NOT_FOUND = 31
    LICENSE_NOT_ACTIVE = 32
    ACTIVATION_LIMIT_REACHED = 33
    SERVER_REFUSED = 34
    DEACTIVATED = 35
    RELEASED = 36
    LICENSE_SUSPENDED = 37
    LICENSE_REVOKED = 38
    INVALID_ARGUMENT = 40
    IO_ERROR = 41

    @property
    def is_valid(self) -> bool:
        """VALID, IN_GRACE_PERIOD and OFFLINE_GRACE: the product may run."""
        return self in (Code.VALID, Code.IN_GRACE_PERIOD, Code.OFFLINE_GRACE)

    @property
    def needs_activation(self) -> bool:
        """NOT_ACTIVATED, RELEASED and ACTIVATION_LIMIT_REACHED: no license file here, and
        activate() may succeed now (a slot may have been freed since the last refusal)."""
        return self in (Code.NOT_ACTIVATED, Code.RELEASED, Code.ACTIVATION_LIMIT_REACHED)


# By number, for the hot path: a dictionary lookup where Code(n) would search the enum.
_BY_NUMBER = {code.value: code for code in Code}


class LogLevel(enum.IntEnum):
    """How much a log line of the SDK matters."""

    DEBUG = 0
    INFO = 1
    WARNING = 2
    ERROR = 3


class LicensorError(Exception):
    """A client could not be opened: the configuration or the data directory is wrong."""

    def __init__(self, code: Code) -> None:
        super().__init__(f"{code.name}: {code_message(code)}")
        self.code = code


@dataclass(frozen=True)
class LicenseInfo:
    """What the loaded license says. Times are Unix seconds; None when there is none."""

    loaded: bool
    license_id: str = ""
    product_name: str = ""
    customer_name: str = ""
    mode: str = ""
    version: int = 0
    features: List[str] = field(default_factory=list)
    differing_components: List[str] = field(default_factory=list)
    heartbeat_interval_s: Optional[int] = None
    issued_at: int = 0
    expires_at: Optional[int] = None
    expiry_grace_ends_at: Optional[int] = None
    refresh_by: Optional[int] = None
    offline_grace_ends_at: Optional[int] = None
    days_left: Optional[int] = None
    trial: bool = False


class _Config(ctypes.Structure):
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("server_url", ctypes.c_char_p),
        ("public_keys_json", ctypes.c_char_p),
        ("license_code", ctypes.c_char_p),
        ("data_dir", ctypes.c_char_p),
        ("clock_tolerance_s", ctypes.c_int64),
        ("product_id", ctypes.c_char_p),
        ("http_timeout_ms", ctypes.c_long),
        ("components_json", ctypes.c_char_p),
        ("messages_json", ctypes.c_char_p),
        ("proxy_url", ctypes.c_char_p),
        ("proxy_user", ctypes.c_char_p),
        ("proxy_password", ctypes.c_char_p),
        ("ca_file", ctypes.c_char_p),
        ("pinned_public_key", ctypes.c_char_p),
    ]


_LOG_CALLBACK = ctypes.CFUNCTYPE(None, ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p)
_STATE_CALLBACK = ctypes.CFUNCTYPE(None, ctypes.c_int, ctypes.c_int, ctypes.c_void_p)


_LIBRARY = "liblicensor.so.0"


def _library_candidates() -> List[str]:
    """Where liblicensor is looked for: ``$LICENSOR_LIBRARY`` alone when set; else the dynamic
    loader's search (its cache, ``LD_LIBRARY_PATH``), then the library directories of this
    Python's prefix (a virtual environment the SDK was installed into), ``/usr/local`` and
    ``/usr``: ``cmake --install`` puts it there, and the loader does not find it there until
    ``ldconfig`` has run."""
    named = os.environ.get("LICENSOR_LIBRARY")
    if named:
        return [named]
    multiarch = sysconfig.get_config_var("MULTIARCH") or ""
    candidates = [_LIBRARY]
    for prefix in dict.fromkeys([sys.prefix, "/usr/local", "/usr"]):
        for libdir in ("lib", os.path.join("lib", multiarch), "lib64"):
            path = os.path.join(prefix, libdir, _LIBRARY)
            if path not in candidates and os.path.isfile(path):
                candidates.append(path)
    return candidates


def _open_library() -> ctypes.CDLL:
    candidates = _library_candidates()
    for candidate in candidates:
        try:
            return ctypes.CDLL(candidate)
        except OSError:
            continue
    raise OSError(
        f"{_LIBRARY} was not found (tried: {', '.join(candidates)}): install the SDK "
        "(cmake --install build --component sdk), run ldconfig, or set LICENSOR_LIBRARY to its path")


def _load_library() -> ctypes.CDLL:
    lib = _open_library()
    handle = ctypes.c_void_p
    text_out = [handle, ctypes.c_char_p, ctypes.c_size_t]
    for name, args, result in [
        ("licensor_code_name", [ctypes.c_int], ctypes.c_char_p),
        ("licensor_code_message", [ctypes.c_int], ctypes.c_char_p),
        ("licensor_client_open", [ctypes.POINTER(_Config), ctypes.POINTER(handle)], ctypes.c_int),
        ("licensor_client_free", [handle], None),
        ("licensor_activate", [handle], ctypes.c_int),
        ("licensor_validate", [handle], ctypes.c_int),
        ("licensor_has_feature", [handle, ctypes.c_char_p], ctypes.c_int),
        ("licensor_deactivate", [handle], ctypes.c_int),
        ("licensor_deactivate_offline", [handle, ctypes.c_char_p], ctypes.c_int),
        ("licensor_load_license_file", [handle, ctypes.c_char_p], ctypes.c_int),
        ("licensor_apply_bundle", [handle, ctypes.c_char_p], ctypes.c_int),
        ("licensor_refresh", [handle], ctypes.c_int),
        ("licensor_heartbeat_once", [handle], ctypes.c_int),
        ("licensor_start_heartbeat", [handle], ctypes.c_int),
        ("licensor_stop_heartbeat", [handle], None),
        ("licensor_fingerprint", text_out, ctypes.c_size_t),
        ("licensor_collect_machine", [ctypes.c_char_p, ctypes.c_size_t], ctypes.c_size_t),
        ("licensor_detail", text_out, ctypes.c_size_t),
        ("licensor_cause", text_out, ctypes.c_size_t),
        ("licensor_license_info", text_out, ctypes.c_size_t),
        ("licensor_set_logger", [handle, _LOG_CALLBACK, ctypes.c_void_p], ctypes.c_int),
        ("licensor_on_state_change", [handle, _STATE_CALLBACK, ctypes.c_void_p], ctypes.c_int),
    ]:
        function = getattr(lib, name)
        function.argtypes = args
        function.restype = result
    return lib


_lib_lock = threading.Lock()
_lib: Optional[ctypes.CDLL] = None


def _library() -> ctypes.CDLL:
    global _lib
    with _lib_lock:
        if _lib is None:
            _lib = _load_library()
        return _lib


def code_message(code: Code) -> str:
    """The English sentence for ``code``: what happened and what to do."""
    return _library().licensor_code_message(int(code)).decode()


def collect_machine() -> Dict[str, Any]:
    """This machine as the SDK reads it: ``fingerprint``, ``components`` (name to value),
    ``hostname``, ``platform`` and ``virtualization``. To add a component of the product's own,
    pass ``components={**collect_machine()["components"], "dongle": serial}`` to ``Client``."""
    function = _library().licensor_collect_machine
    buf = ctypes.create_string_buffer(function(None, 0) + 1)
    function(buf, len(buf))
    return json.loads(buf.value.decode())


def _text(value: Optional[str]) -> Optional[bytes]:
    return None if value is None else value.encode()


class Client:
    """One product's license on this machine, kept in ``data_dir``.

    ``validate()``, ``has_feature()``, ``info``, ``detail()`` and ``cause()`` may be called from
    any thread and never wait for the network; ``activate()``, ``deactivate()``, ``refresh()``
    and ``heartbeat_once()`` wait for the server (at most ``http_timeout_ms`` to connect, and as
    long for the exchange). Close the client (or use it in a ``with`` block) to stop the SDK's
    thread.
    """

    def __init__(
        self,
        *,
        product_id: str,
        data_dir: str,
        public_keys_json: str,
        server_url: str = "",
        license_code: str = "",
        clock_tolerance_s: int = 0,
        http_timeout_ms: int = 0,
        components: Optional[Mapping[str, str]] = None,
        messages: Optional[Mapping[Code, str]] = None,
        proxy_url: Optional[str] = None,
        proxy_user: Optional[str] = None,
        proxy_password: Optional[str] = None,
        ca_file: Optional[str] = None,
        pinned_public_key: Optional[str] = None,
    ) -> None:
        self._handle: Optional[ctypes.c_void_p] = None
        self._lib = _library()
        # Every callback handed to the library, kept until the client is freed: a call already
        # under way on the SDK's thread may still use one that was replaced.
        self._callbacks: List[object] = []
        config = _Config(
            struct_size=ctypes.sizeof(_Config),
            server_url=_text(server_url),
            public_keys_json=_text(public_keys_json),
            license_code=_text(license_code),
            data_dir=_text(data_dir),
            clock_tolerance_s=clock_tolerance_s,
            product_id=_text(product_id),
            http_timeout_ms=http_timeout_ms,
            components_json=_text(json.dumps(dict(components))) if components else None,
            messages_json=(
                _text(json.dumps({Code(c).name: text for c, text in messages.items()}))
                if messages
                else None
            ),
            proxy_url=_text(proxy_url),
            proxy_user=_text(proxy_user),
            proxy_password=_text(proxy_password),
            ca_file=_text(ca_file),
            pinned_public_key=_text(pinned_public_key),
        )
        handle = ctypes.c_void_p()
        code = Code(self._lib.licensor_client_open(ctypes.byref(config), ctypes.byref(handle)))
        if code != Code.VALID:
            raise LicensorError(code)
        self._handle = handle
        # The two hot calls, looked up once.
        self._validate = self._lib.licensor_validate
        self._has_feature = self._lib.licensor_has_feature

    # -- lifetime --

    def close(self) -> None:
        """Stops the SDK's thread and frees the client. Idempotent."""
        if self._handle is not None:
            self._lib.licensor_client_free(self._handle)
            self._handle = None
            self._callbacks.clear()

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def __del__(self) -> None:
        self.close()

    # -- calls --

    def _call(self, name: str, *args: object) -> Code:
        return _BY_NUMBER[getattr(self._lib, name)(self._live(), *args)]

    def _live(self) -> ctypes.c_void_p:
        if self._handle is None:
            raise ValueError("the client is closed")
        return self._handle

    def _string(self, name: str) -> str:
        function = getattr(self._lib, name)
        size = function(self._live(), None, 0) + 1
        buf = ctypes.create_string_buffer(size)
        function(self._live(), buf, size)
        return buf.value.decode()

    def activate(self) -> Code:
        """Activates this machine online, then downloads and installs its license file."""
        return self._call("licensor_activate")

    def validate(self) -> Code:
        """The license's state now, from the file in hand; never waits for the network."""
        return _BY_NUMBER[self._validate(self._handle or self._live())]

    def has_feature(self, feature: str) -> bool:
        """Whether the license is valid and grants ``feature``."""
        return self._has_feature(self._handle or self._live(), feature.encode()) == 1

    def deactivate(self) -> Code:
        """Releases this machine's activation on the server and forgets the file."""
        return self._call("licensor_deactivate")

    def deactivate_offline(self, proof_path: str) -> Code:
        """Offline deactivation: forgets the file and writes a proof to ``proof_path`` for the
        vendor to upload, which frees this machine's slot."""
        return self._call("licensor_deactivate_offline", proof_path.encode())

    def load_license_file(self, path: str) -> Code:
        """Installs a license file delivered by hand (offline activation)."""
        return self._call("licensor_load_license_file", path.encode())

    def apply_bundle(self, path: str) -> Code:
        """Installs an offline update bundle: its public keys, then its license file."""
        return self._call("licensor_apply_bundle", path.encode())

    def refresh(self) -> Code:
        """Fetches this machine's current license file now, waiting for the server."""
        return self._call("licensor_refresh")

    def heartbeat_once(self) -> Code:
        """One heartbeat now, on this thread."""
        return self._call("licensor_heartbeat_once")

    def start_heartbeat(self) -> None:
        """Heartbeats from the SDK's own thread, each a margin before the file's refresh-by."""
        self._call("licensor_start_heartbeat")

    def stop_heartbeat(self) -> None:
        """Stops the heartbeats."""
        self._lib.licensor_stop_heartbeat(self._live())

    # -- what it says --

    @property
    def fingerprint(self) -> str:
        """This machine's fingerprint, as the server and the license files know it."""
        return self._string("licensor_fingerprint")

    def detail(self) -> str:
        """A sentence for the user: the last failed call, or else the current state."""
        return self._string("licensor_detail")

    def cause(self) -> str:
        """The technical cause behind ``detail()``, for logs and support."""
        return self._string("licensor_cause")

    @property
    def info(self) -> LicenseInfo:
        """What the loaded license says (``loaded`` is False when none is)."""
        return LicenseInfo(**json.loads(self._string("licensor_license_info")))

    # -- hooks --

    def set_logger(self, logger: Optional[Callable[[LogLevel, str], None]]) -> None:
        """Gets the SDK's log lines, never with a secret in them; None stops them."""
        if logger is None:
            self._lib.licensor_set_logger(self._live(), _LOG_CALLBACK(), None)
            return

        def relay(level: int, message: bytes, _: object) -> None:
            logger(LogLevel(level), message.decode(errors="replace"))

        callback = _LOG_CALLBACK(relay)
        self._callbacks.append(callback)
        self._lib.licensor_set_logger(self._live(), callback, None)

    def on_state_change(self, listener: Optional[Callable[[Code, Code], None]]) -> None:
        """Calls ``listener(previous, current)`` on the SDK's thread when ``validate()``'s answer
        changes; None stops it."""
        if listener is None:
            self._lib.licensor_on_state_change(self._live(), _STATE_CALLBACK(), None)
            return

        def relay(previous: int, current: int, _: object) -> None:
            listener(Code(previous), Code(current))

        callback = _STATE_CALLBACK(relay)
        self._callbacks.append(callback)
        self._lib.licensor_on_state_change(self._live(), callback, None)
