/** Cooperation requests, their lifecycle rules (which side may do what, in which state) and their events. */
package org.amicus.core.cooperation.entity;
