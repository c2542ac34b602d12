/** Start-up of the node's core: migrations first, then the node identity. */
package org.amicus.core.platform.boundary;
