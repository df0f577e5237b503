/**
 * The store verb: creates or inspects ROOT\MED-V Images\PrestagedImages.
 */
package prestage.core.verb.store;
