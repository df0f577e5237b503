/**
 * The connection layer: addresses, credentials, signing (AES-CMAC on the JDK, AES-GMAC negotiated into smbj by
 * SigningNegotiation), the transport (WRITE payloads sent from the caller's array, READ answers read into the
 * reader's: PayloadByReferenceTransport, ReadIntoBufferReader) and the translation of NT statuses into one-line errors.
 */
package prestage.smb.connect;
