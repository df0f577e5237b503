#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, prestage maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: prestage
short_description: Prestage one client with a prestage recipe (MED-V images, NT ACLs, registry)
version_added: "0.1.0"
description:
  - Runs C(prestage run RECIPE --target TARGET --json) for one client and reports what it changed.
  - prestage reaches the client itself (a remote Windows machine as C(\\HOST\C$) over SMB, a folder, or the mount
    point of an ntfs-3g volume), so the task runs on the control node (C(delegate_to=localhost)).
  - Check mode runs the recipe with C(--what-if), which changes nothing; diff mode returns each changed step's
    before and after.
  - The password reaches prestage through its environment (C(PRESTAGE_SMB_USER), C(PRESTAGE_SMB_PASSWORD)), never
    its command line; Ansible hides it from C(-vvv) output and from the result.
options:
  recipe:
    description:
      - The recipe, a C(.groovy) file or a name from C(prestage recipes).
    type: str
    default: medv-prestage
  target:
    description:
      - The client, prestage's C(--target), for example C(\\pc1\C$), C(smb://pc1/C$), a folder or a mount point.
    type: str
    required: true
  params:
    description:
      - Recipe parameters; each becomes C(-p NAME=VALUE).
    type: dict
    default: {}
  registry:
    description:
      - Where registry changes go when the target does not say, prestage's C(--registry) (a hive or a C(.reg) file).
    type: str
  credentials_file:
    description:
      - A file in smbclient's C(-A) format (C(username = ...), C(password = ...), C(domain = ...) lines),
        prestage's C(--credentials). Keep it mode 0600.
      - Mutually exclusive with I(username) and I(password).
    type: path
  username:
    description:
      - The account that logs on to the client over SMB.
    type: str
  password:
    description:
      - The password of I(username). Use Ansible Vault for it.
    type: str
  domain:
    description:
      - The domain of I(username).
    type: str
  auth:
    description:
      - How prestage logs on over SMB, its C(--auth). C(auto) uses Kerberos when a ticket cache or keytab is there.
      - Passed only when set.
    type: str
    choices: [kerberos, ntlm, auto]
  keytab:
    description:
      - A keytab for Kerberos logons, prestage's C(--keytab); give I(principal) with it.
    type: path
  principal:
    description:
      - The Kerberos principal of I(keytab), prestage's C(--principal).
    type: str
  no_wait:
    description:
      - Fail at once when another prestage run holds the client's store folder, instead of waiting for it.
    type: bool
    default: false
  timeout:
    description:
      - Seconds prestage waits for a network client to connect and to answer each request, its C(--timeout).
      - Passed only when set.
    type: int
  executable:
    description:
      - The prestage launcher, a path or a name on the control node's PATH.
    type: str
    default: prestage
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: Check mode runs the recipe with C(--what-if); a client that would change reports C(changed).
  diff_mode:
    support: full
  platform:
    platforms: posix
    details: Runs on the control node (C(delegate_to=localhost)); the clients are Windows machines it reaches over SMB.
notes:
  - Run it on the control node with C(delegate_to=localhost); the clients need no agent, no Python and no WinRM.
  - The host variables the collection's playbook reads are the same ones C(prestage run --inventory) reads; see the
    collection's README.
requirements:
  - prestage on the control node (it needs a Java runtime, 17 or later).
author:
  - prestage maintainers (@prestage)
'''

EXAMPLES = r'''
- name: Prestage MED-V images on a Windows client over SMB
  prestage.medv.prestage:
    target: '\\pc1\C$'
    params:
      source: /srv/medv-images
    username: Administrator
    password: "{{ vault_prestage_password }}"
  delegate_to: localhost

- name: The same with a credentials file, failing at once when another run holds the store
  prestage.medv.prestage:
    target: '\\{{ inventory_hostname }}\C$'
    params:
      source: /srv/medv-images
    credentials_file: /etc/prestage/credentials
    no_wait: true
  delegate_to: localhost

- name: A folder client with its registry changes written to a .reg file
  prestage.medv.prestage:
    recipe: /srv/recipes/medv-prestage.groovy
    target: /mnt/pc3
    params:
      source: /srv/medv-images
    registry: /mnt/pc3/prestage.reg
  delegate_to: localhost
'''

RETURN = r'''
msg:
  description: prestage's summary (C(N ok, N changed, N failed)), its first failed step, or its error.
  returned: always
  type: str
  sample: "6 ok, 4 changed, 0 failed"
rc:
  description: prestage's exit status (0 done, 1 a step failed, 2 bad input, 3 drift or would change).
  returned: when prestage ran
  type: int
  sample: 0
cmd:
  description: The command that ran (it never holds a password).
  returned: when prestage ran
  type: list
  elements: str
  sample: ["prestage", "run", "medv-prestage", "--target", "\\\\pc1\\C$", "--json", "-p", "source=/srv/medv-images"]
prestage:
  description: prestage's whole C(--json) document (steps, changes, summary, exitCode).
  returned: when prestage printed one
  type: dict
  sample: {"summary": {"ok": 6, "changed": 4, "failed": 0}, "exitCode": 0, "steps": []}
'''

import os

from ansible.module_utils.basic import AnsibleModule

USER_VARIABLE = 'PRESTAGE_SMB_USER'
PASSWORD_VARIABLE = 'PRESTAGE_SMB_PASSWORD'


def diff_of(doc, target):
    """Each changed step's diff lines: '-' lines are what was, '+' what is (or would be), '~ what: a -> b' both."""
    before, after = [], []
    for step in doc.get('steps', []):
        if step.get('status') not in ('changed', 'failed', 'drift'):
            continue
        head = '%s %s' % (step.get('verb'), step.get('subject'))
        before.append(head)
        after.append(head)
        for line in step.get('diff', []):
            text = line.strip()
            if text.startswith('+'):
                after.append('    ' + text[1:].strip())
            elif text.startswith('-'):
                before.append('    ' + text[1:].strip())
            elif text.startswith('~') and ' -> ' in text:
                what, dummy, new = text[1:].strip().rpartition(' -> ')
                before.append('    ' + what)
                after.append('    ' + (what.split(':', 1)[0] + ': ' + new if ':' in what else new))
            else:
                after.append('    ' + text)
    return dict(before='\n'.join(before) + ('\n' if before else ''), after='\n'.join(after) + ('\n' if after else ''),
                before_header=target + ' (before)', after_header=target + ' (after)')


def command(module, executable):
    p = module.params
    cmd = [executable, 'run', p['recipe'], '--target', p['target'], '--json']
    for name in sorted(p['params']):
        cmd += ['-p', '%s=%s' % (name, p['params'][name])]
    # options another prestage may not know yet are passed only when set
    for option, value in (('--registry', p['registry']), ('--credentials', p['credentials_file']), ('--auth', p['auth']),
                          ('--keytab', p['keytab']), ('--principal', p['principal'])):
        if value:
            cmd += [option, value]
    if p['timeout'] is not None:
        cmd += ['--timeout', str(p['timeout'])]
    if p['no_wait']:
        cmd.append('--no-wait')
    if module.check_mode:
        cmd.append('--what-if')
    return cmd


def environment(module):
    """The logon for prestage's environment: never its command line, which ps and Ansible's -vvv show."""
    p = module.params
    env = {}
    if p['username']:
        env[USER_VARIABLE] = p['domain'] + '\\' + p['username'] if p['domain'] else p['username']
    if p['password'] is not None:
        env[PASSWORD_VARIABLE] = p['password']
    return env


def message(doc, check_mode):
    if doc.get('error'):
        return doc['error']
    summary = doc.get('summary', {})
    changed = 'would change' if check_mode else 'changed'
    msg = '%d ok, %d %s, %d failed' % (summary.get('ok', 0), summary.get('changed', 0), changed, summary.get('failed', 0))
    bad = [s for s in doc.get('steps', []) if s.get('status') in ('failed', 'drift')]
    if bad:
        msg += ': %s %s: %s' % (bad[0].get('verb'), bad[0].get('subject'), bad[0].get('message'))
    return msg


def main():
    module = AnsibleModule(
        argument_spec=dict(
            recipe=dict(type='str', default='medv-prestage'),
            target=dict(type='str', required=True),
            params=dict(type='dict', default={}),
            registry=dict(type='str'),
            credentials_file=dict(type='path'),
            username=dict(type='str'),
            password=dict(type='str', no_log=True),
            domain=dict(type='str'),
            auth=dict(type='str', choices=['kerberos', 'ntlm', 'auto']),
            keytab=dict(type='path'),
            principal=dict(type='str'),
            no_wait=dict(type='bool', default=False),
            timeout=dict(type='int'),
            executable=dict(type='str', default='prestage'),
        ),
        mutually_exclusive=[('credentials_file', 'username'), ('credentials_file', 'password')],
        required_together=[('keytab', 'principal')],
        required_by=dict(domain=("username",)),
        supports_check_mode=True,
    )
    p = module.params
    if p['timeout'] is not None and p['timeout'] <= 0:
        module.fail_json(msg='timeout must be a number of seconds above 0, not %d' % p['timeout'])
    executable = p['executable']
    if os.path.sep not in executable:
        executable = module.get_bin_path(executable, required=False)
        if not executable:
            module.fail_json(msg='cannot find the prestage launcher %r on the PATH; install prestage on the control node '
                                 'or give executable: PATH' % p['executable'])
    elif not os.access(executable, os.X_OK):
        module.fail_json(msg='the prestage launcher %s is not an executable file; give executable: PATH' % executable)

    cmd = command(module, executable)
    rc, out, err = module.run_command(cmd, environ_update=environment(module), check_rc=False)
    try:
        doc = module.from_json(out)
    except ValueError:
        module.fail_json(msg='prestage printed no JSON document (exit status %d): %s' % (rc, err.strip()[-2000:]), rc=rc, cmd=cmd)

    rc = doc.get('exitCode', rc)
    changed = doc.get('summary', {}).get('changed', 0) > 0
    result = dict(changed=changed, msg=message(doc, module.check_mode), rc=rc, cmd=cmd, prestage=doc)
    if module._diff:
        result['diff'] = diff_of(doc, p['target'])
    # exit 3 is drift: under check mode it means "would change"; after a real run, drift left behind is a failure
    if rc in (1, 2) or (rc == 3 and not module.check_mode) or rc not in (0, 1, 2, 3):
        module.fail_json(**result)
    # failed=False said outright: Ansible takes a result with a non-zero rc and no 'failed' for a failure (exit 3 in check mode)
    module.exit_json(failed=False, **result)


if __name__ == '__main__':
    main()
