/** Identifiers of organisations and of people at their nodes. */
package org.amicus.core.membership.entity;
