/**
 * The program's entry point and its --json contract; imports the faces, which never import it.
 */
package prestage.shell;
