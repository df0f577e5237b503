/**
 * The demo's loopback Samba server, started by the demo recipe.
 */
package prestage.smb.demo;
