/**
 * The connection layer: addresses, credentials, signing (AES-CMAC on the JDK), the transport and the translation
 * of NT statuses into one-line errors.
 */
package prestage.smb.connect;
