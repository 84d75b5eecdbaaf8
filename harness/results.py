#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Count the results in a VM console log.

usage: results.py LOG LABEL [--kunit] [--selftests] [--upstream[=EXPECT]]

Prints one line per suite, the failures by name, and as the last line
"RESULT <passed> <failed> <skipped>" for harness/check.sh to add up.
KUnit results are KTAP on the console; selftests print TAP between
RCTEST-BEGIN/RCTEST-END markers (harness/vm/run-tests). Any kernel report
(KASAN, lockdep, kmemleak, WARNING, BUG, ...) on the console is a failure.

--upstream compares upstream's resctrl_tests, which print TAP between
RCTEST-UPSTREAM-BEGIN/END markers (harness/vm/run-upstream), with the
expectations file (default: harness/upstream-selftests.expect): one check
per test case listed there, which passes when the test case reported the
expected outcome and its output holds the expected text. A different
outcome, another reason, no result (a crash or a hang) or a test case the
file does not list is a failure.
"""
import os
import re
import sys

TIME = re.compile(r'^\[\s*\d+\.\d+\]\s?')
RESULT = re.compile(r'^(\s*)(not ok|ok) (\d+)\s*(.*)$')
REPORTS = [
    r'BUG: ', r'WARNING: ', r'KASAN: ', r'UBSAN: ', r'general protection fault',
    r'Oops', r'Kernel panic', r'possible circular locking', r'inconsistent lock state',
    r'possible recursive locking', r'suspicious RCU usage', r'DEBUG_LOCKS_WARN_ON',
    r'ODEBUG: ', r'list_add corruption', r'list_del corruption', r'unreferenced object',
    r'INFO: task .* blocked', r'sleeping function called from invalid context',
    # The RDT hardware model refused an access the hardware would fault on.
    r'x86-rdt-model: fault: ',
]
REPORT = re.compile('|'.join(REPORTS))


def clean(line):
    return TIME.sub('', line.rstrip('\r\n'))


EXPECT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                      'upstream-selftests.expect')


def read_expect(path):
    """The test cases of an expectations file: (name, outcome, regex, why)."""
    cases = []
    for n, line in enumerate(open(path), 1):
        line = line.strip()
        if not line or line.startswith('#'):
            continue
        f = [x.strip() for x in line.split('|', 3)]
        if len(f) != 4 or f[1] not in ('pass', 'fail', 'skip'):
            sys.exit('%s:%d: want "TEST | pass|fail|skip | TEXT | WHY"' % (path, n))
        cases.append((f[0], f[1], None if f[2] == '-' else re.compile(f[2]), f[3]))
    return cases


def upstream_runs(lines):
    """What each resctrl_tests run printed: {name: (outcome, output, rc)}.

    The outcome is pass, fail or skip from its one TAP result, 'none' if it
    printed none (a bail-out or a crash) or several, 'hang' if it did not
    finish.
    """
    runs = {}
    current = None
    for line in lines:
        m = re.match(r'^RCTEST-UPSTREAM-BEGIN (\S+)', line)
        if m:
            current, out = m.group(1), []
            continue
        if not current:
            continue
        m = re.match(r'^RCTEST-UPSTREAM-END (\S+) rc=(\d+)', line)
        if m:
            rc = int(m.group(2))
            res = [RESULT.match(l) for l in out]
            res = [r for r in res if r and not r.group(1)]
            if any(l.startswith('RCTEST-UPSTREAM-TIMEOUT') for l in out):
                outcome = 'hang'
            elif len(res) != 1:
                outcome = 'none'
            elif '# SKIP' not in res[0].group(4) and \
                    not res[0].group(4).startswith(current + ':'):
                outcome = 'another test'
            elif '# SKIP' in res[0].group(4):
                outcome = 'skip'
            else:
                outcome = 'pass' if res[0].group(2) == 'ok' else 'fail'
            runs[current] = (outcome, out, rc)
            current = None
            continue
        out.append(line)
    if current:
        runs[current] = ('hang', out, None)
    return runs


def main():
    log, label = sys.argv[1], sys.argv[2]
    want_kunit = '--kunit' in sys.argv
    want_selftests = '--selftests' in sys.argv
    expect = None
    for a in sys.argv[3:]:
        if a == '--upstream':
            expect = EXPECT
        elif a.startswith('--upstream='):
            expect = a.split('=', 1)[1]
    lines = [clean(l) for l in open(log, errors='replace')]
    passed = failed = skipped = 0
    failures = []

    def count(name, ok, skip):
        nonlocal passed, failed, skipped
        if skip:
            skipped += 1
        elif ok:
            passed += 1
        else:
            failed += 1
            failures.append(name)

    # KUnit: leaves of the KTAP tree, i.e. result lines not directly
    # preceded by deeper results (those belong to parameterised cases).
    if want_kunit:
        in_ktap = False
        suite = None
        prev_indent = -1
        n = 0
        for line in lines:
            # Built-in suites run at boot, before userspace starts.
            if line.startswith('RCTEST-'):
                break
            if line.startswith('KTAP version'):
                in_ktap = True
            if not in_ktap:
                continue
            m = re.match(r'^\s*# Subtest: (\S+)', line)
            if m and line.startswith('    ') and not line.startswith('        '):
                suite = m.group(1)
            m = RESULT.match(line)
            if not m:
                continue
            indent = len(m.group(1))
            if indent >= prev_indent and indent > 0:
                rest = m.group(4)
                skip = '# SKIP' in rest
                name = rest.split(' #')[0].strip()
                count('kunit %s.%s' % (suite, name), m.group(2) == 'ok', skip)
                n += 1
            elif indent == 0 and m.group(2) != 'ok':
                # A suite can fail outside its cases (init, crash).
                if not any(f.startswith('kunit %s.' % suite) for f in failures):
                    count('kunit suite ' + m.group(4), False, False)
            prev_indent = indent
        print('%s kunit: %d test cases' % (label, n))
        if n == 0:
            count('kunit: no KUnit results on the console', False, False)

    if want_selftests:
        current = None
        seen = 0
        for line in lines:
            m = re.match(r'^RCTEST-BEGIN (\S+)', line)
            if m:
                current, tap, seen = m.group(1), 0, seen + 1
                tfail = 0
                continue
            m = re.match(r'^RCTEST-END (\S+) rc=(\d+)', line)
            if m and current:
                rc = int(m.group(2))
                if tap == 0:
                    count('selftest %s: no TAP results (rc=%d)' % (current, rc), False, False)
                elif rc not in (0, 4) and tfail == 0:
                    count('selftest %s: exited with %d' % (current, rc), False, False)
                current = None
                continue
            if current:
                m = RESULT.match(line)
                if m and not m.group(1):
                    rest = m.group(4)
                    name = re.sub(r'^\s*-?\s*', '', rest)
                    ok = m.group(2) == 'ok'
                    count('selftest %s: %s' % (current, name), ok, '# SKIP' in rest)
                    tap += 1
                    tfail += not ok
        if current:
            count('selftest %s: did not finish' % current, False, False)
        print('%s selftests: %d programs' % (label, seen))
        if seen == 0:
            count('selftests: none ran', False, False)

    if expect:
        runs = upstream_runs(lines)
        cases = read_expect(expect)
        print('%s upstream resctrl_tests: %d runs, %d test cases expected' %
              (label, len(runs), len(cases)))
        for name, outcome, text, why in cases:
            tname = 'upstream resctrl_tests %s' % name
            if name not in runs:
                count('%s: did not run' % tname, False, False)
                continue
            got, out, rc = runs.pop(name)
            if got != outcome:
                count('%s: expected %s, got %s (rc=%s)' % (tname, outcome, got, rc),
                      False, False)
            elif text and not any(text.search(l) for l in out):
                count('%s: %s, but without "%s" in its output' % (tname, got, text.pattern),
                      False, False)
            else:
                count(tname, True, False)
        for name in runs:
            count('upstream resctrl_tests %s: not in %s' % (name, os.path.basename(expect)),
                  False, False)
        if any(l.startswith('RCTEST-UPSTREAM-SETUP failed') for l in lines):
            count('upstream resctrl_tests: simulator setup failed', False, False)

    # The kernel must stay clean and the VM must reach its end.
    reports = [l for l in lines if REPORT.search(l)]
    leak = False
    in_leak = False
    for l in lines:
        if l.startswith('RCTEST-KMEMLEAK-BEGIN'):
            in_leak = True
        elif l.startswith('RCTEST-KMEMLEAK-END'):
            in_leak = False
        elif in_leak and l.strip():
            leak = True
    count('console: kernel reports (%s)' % '; '.join(reports[:3]), not reports, False)
    count('console: kmemleak found leaks', not leak, False)
    done = any(l.startswith('RCTEST-POWEROFF') for l in lines)
    count('console: the VM did not reach its end', done, False)

    print('%s: %d passed, %d failed, %d skipped' % (label, passed, failed, skipped))
    for f in failures:
        print('  FAIL %s' % f)
    print('RESULT %d %d %d' % (passed, failed, skipped))


if __name__ == '__main__':
    main()
