"""licensed_app: what a vendor's Python product does with the Licensor SDK.

    python3 licensed_app.py --product ID --data-dir DIR --public-keys keys.json \\
        --server URL --code CODE [--activate] [--heartbeat] [--feature NAME]...

It prints one line with the license's state (and the features asked about), and exits 0 when
the license is valid, 1 when not, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import sys

import licensor


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--product", required=True)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--public-keys", required=True)
    parser.add_argument("--server", default="")
    parser.add_argument("--code", default="")
    parser.add_argument("--activate", action="store_true")
    parser.add_argument("--heartbeat", action="store_true")
    parser.add_argument("--feature", action="append", default=[])
    args = parser.parse_args(argv)
    with open(args.public_keys, encoding="utf-8") as keys:
        public_keys = keys.read()
    try:
        client = licensor.Client(
            product_id=args.product,
            data_dir=args.data_dir,
            public_keys_json=public_keys,
            server_url=args.server,
            license_code=args.code,
        )
    except licensor.LicensorError as error:
        print(f"licensed_app: {error}", file=sys.stderr)
        return 2
    with client:
        step = licensor.Code.VALID
        if args.activate:
            step = client.activate()
        if args.heartbeat:
            step = client.heartbeat_once()
        if step != licensor.Code.VALID:
            print(f'step={step.name} detail="{client.detail()}" cause="{client.cause()}"')
        state = client.validate()
        line = f"state={state.name} valid={'yes' if state.is_valid else 'no'}"
        info = client.info
        if info.loaded:
            line += f" license={info.license_id} days_left={info.days_left}"
        for feature in args.feature:
            line += f" feature:{feature}={'yes' if client.has_feature(feature) else 'no'}"
        if not state.is_valid:
            line += f' message="{client.detail()}"'
        print(line)
        return 0 if state.is_valid else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
