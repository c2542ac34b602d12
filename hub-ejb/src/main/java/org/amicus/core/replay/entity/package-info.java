/** The seen-envelope row. */
package org.amicus.core.replay.entity;
