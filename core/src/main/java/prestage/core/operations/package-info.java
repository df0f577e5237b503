/**
 * Every verb behind one facade (Verbs, Operations), and status, the verb made of the others; what the faces (DSL,
 * shell) import.
 */
package prestage.core.operations;
