/** The node facade used by REST resources and message listeners. */
package org.amicus.core.node.boundary;
