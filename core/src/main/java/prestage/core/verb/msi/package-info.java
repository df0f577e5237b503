/**
 * The msi verb: builds, checks and (where the client can) runs the client's install command.
 */
package prestage.core.verb.msi;
