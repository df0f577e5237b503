/**
 * The service manager over \PIPE\svcctl (MS-SCMR), including the calls the dcerpc library lacks, and what prestage does
 * with it: start a stopped Remote Registry for a run and put it back.
 */
package prestage.smb.svcctl;
