/**
 * The client installer's command line: MED-V's MSI properties and Windows command-line quoting; a model with no
 * client access.
 */
package prestage.core.msi;
