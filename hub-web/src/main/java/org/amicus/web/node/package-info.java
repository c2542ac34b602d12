/** REST resources about the node itself: {@code /api/v1/node} and the ping path. */
package org.amicus.web.node;
