/**
 * The client installer's command line: MED-V's MSI properties and Windows command-line quoting; and what a package
 * file says about itself (its Property table, read from the OLE compound file); a model with no client access.
 */
package prestage.core.msi;
