package prestage.core.client;

/**
 * What an exception says when a client refused a logon for the credentials themselves (a wrong password, a disabled,
 * expired or locked account), not for the machine: trying the same credentials on the next client would only count
 * toward the domain's lockout threshold, so a run of many clients stops using them.
 */
public interface CredentialsRefused {
    /** The machine that refused them, as the user named it. */
    String refusedBy();
}
