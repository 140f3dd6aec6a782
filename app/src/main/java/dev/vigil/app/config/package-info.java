/** Configuration factories: each builds and manages one piece (database, ...). */
package dev.vigil.app.config;
