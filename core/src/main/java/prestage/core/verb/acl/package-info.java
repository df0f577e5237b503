/**
 * The acl verb: apply, show, diff and test a descriptor, with inheritance to existing children.
 */
package prestage.core.verb.acl;
