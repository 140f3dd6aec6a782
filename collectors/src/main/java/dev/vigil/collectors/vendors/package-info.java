/** Vendors and their security reviews: the facts behind the vendor-management controls. */
package dev.vigil.collectors.vendors;
