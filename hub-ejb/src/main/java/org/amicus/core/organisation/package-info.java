/**
 * The organisation directory: this node's own organisation (its id, name and signed type) and the
 * organisations of its peers, as routing and coalitions know them (docs/routing.md).
 */
package org.amicus.core.organisation;
