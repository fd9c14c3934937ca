/**
 * Loads the generated demo city (gis-data's synthetic city around 新余市) into an empty database
 * on first start, when {@code wangge.demo.load} is true. Writes only through the other features'
 * public services.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo city")
package org.wangge.demo;
