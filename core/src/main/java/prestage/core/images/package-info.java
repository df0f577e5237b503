/**
 * The image files: the one-read copy and hash pipeline, manifests compatible with sha256sum -c, and the push and
 * verify verbs that drive them; imports client, never the faces.
 */
package prestage.core.images;
