#!/usr/bin/env python3
"""Adds lock entries for optional platform binaries the registry mirror here does not carry.

npm records no entry for an optional dependency it cannot fetch (e.g. @swc/core-darwin-arm64 on a mirror
holding only Linux builds), and `npm ci` then refuses the lock as out of sync. An entry tagged with its os
and cpu lets `npm ci` skip it as incompatible, without fetching it. Run after changing dependencies:
    python3 tools/dev/complete-lockfile.py
"""
import json, re, subprocess, sys

LOCK = 'package-lock.json'
OS = {'darwin': 'darwin', 'win32': 'win32', 'linux': 'linux', 'freebsd': 'freebsd', 'android': 'android', 'openbsd': 'openbsd', 'sunos': 'sunos', 'netbsd': 'netbsd', 'aix': 'aix', 'openharmony': 'openharmony', 'wasm32': 'wasm32'}
CPU = ['arm64', 'x64', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el', 'arm', 'wasm32']

def platform_of(name):
    base = name.split('/')[-1]
    os_ = next((v for k, v in OS.items() if re.search(rf'(^|-){k}(-|$)', base)), None)
    cpu = next((c for c in CPU if re.search(rf'(^|-){c}(-|$|eabihf|gnueabihf)', base)), None)
    if cpu is None and 'gnueabihf' in base:
        cpu = 'arm'
    return os_, cpu

for attempt in range(20):
    out = subprocess.run(['npm', 'ci', '--dry-run', '--ignore-scripts'], capture_output=True, text=True)
    missing = sorted(set(re.findall(r'Missing: (\S+?)@\S* from lock file', out.stderr + out.stdout)))
    if not missing:
        print('lock file complete')
        sys.exit(0)
    lock = json.load(open(LOCK))
    packages = lock['packages']
    for name in missing:
        version = None
        for key, entry in packages.items():
            spec = (entry.get('optionalDependencies') or {}).get(name)
            if spec:
                version = spec.lstrip('^~=')
                break
        os_, cpu = platform_of(name)
        if not version or not os_:
            print(f'cannot place {name} (version {version}, os {os_})', file=sys.stderr)
            sys.exit(1)
        entry = {'version': version, 'optional': True, 'os': [os_]}
        if cpu:
            entry['cpu'] = [cpu]
        packages[f'node_modules/{name}'] = entry
        print(f'added {name}@{version} {entry["os"]} {entry.get("cpu")}')
    json.dump(lock, open(LOCK, 'w'), indent=2)
    open(LOCK, 'a').write('\n')
print('gave up', file=sys.stderr)
sys.exit(1)
