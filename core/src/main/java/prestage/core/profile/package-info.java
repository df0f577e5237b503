/**
 * What makes a store a MED-V store (folder names, ACL, file patterns, registry value, MSI property); a model.
 */
package prestage.core.profile;
