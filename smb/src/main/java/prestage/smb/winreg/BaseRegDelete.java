package prestage.smb.winreg;

/**
 * MS-RRP BaseRegDeleteKey (opnum 7: a subkey without subkeys of its own) and BaseRegDeleteValue (opnum 8); both take a
 * key handle and one RRP_UNICODE_STRING.
 */
public final class BaseRegDelete extends KeyNameCall<StatusOnly> {
    public static final short DELETE_KEY = 7;
    public static final short DELETE_VALUE = 8;

    private BaseRegDelete(short opnum, byte[] key, String name) {
        super(opnum, key, name, StatusOnly::new);
    }

    public static BaseRegDelete key(byte[] parent, String subKey) {
        return new BaseRegDelete(DELETE_KEY, parent, subKey);
    }

    public static BaseRegDelete value(byte[] key, String name) {
        return new BaseRegDelete(DELETE_VALUE, key, name);
    }
}
