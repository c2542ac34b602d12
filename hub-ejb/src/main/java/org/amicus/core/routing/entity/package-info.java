/**
 * The marking every message carries (TLP 2.0 level, distribution, named persons, conditions) and the values
 * routing decides with: consent, re-share decisions. A marking that contradicts itself cannot be built.
 */
package org.amicus.core.routing.entity;
