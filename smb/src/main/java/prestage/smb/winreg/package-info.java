/**
 * The remote registry over \PIPE\winreg (MS-RRP), including the calls the dcerpc library lacks.
 */
package prestage.smb.winreg;
