/** Value objects and JPA entities of the key directory. */
package org.amicus.core.identity.entity;
