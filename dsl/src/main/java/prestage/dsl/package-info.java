/**
 * The Groovy face: the recipe script base class with the verbs, recipe search, compilation and pre-flight checks;
 * knows nothing of terminals.
 */
package prestage.dsl;
