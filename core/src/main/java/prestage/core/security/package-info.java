/**
 * The NT security model (SIDs, ACEs, ACLs, descriptors) and its notations (SDDL, icacls, cacls, self-relative
 * binary, Samba's NTACL xattr); no access to any machine.
 */
package prestage.core.security;
