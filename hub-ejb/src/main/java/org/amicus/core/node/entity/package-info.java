/** The node's persistent records and the value objects that name them. */
package org.amicus.core.node.entity;
