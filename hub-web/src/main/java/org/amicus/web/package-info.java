/** The node's web boundary: the JAX-RS application under /api/v1 and its OpenAPI description. */
package org.amicus.web;
