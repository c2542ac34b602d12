/** Bulletins as this node keeps them: their languages, their schedule, their series. */
package org.amicus.core.bulletin.entity;
