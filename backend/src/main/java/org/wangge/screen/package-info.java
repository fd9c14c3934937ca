/**
 * Linked screens (三屏联动): an operator or grid leader sends a case or an area from the desk to the
 * walls of the same centre ({@code POST /api/wall/commands}); the walls follow the commands over
 * server-sent events ({@code GET /api/wall/stream}) and show who drives them ({@code GET
 * /api/wall/commands/latest}). A centre is the sender's jurisdiction: a command reaches the walls
 * signed in with exactly the same jurisdiction (the same area code; ADMINs of everything form one
 * centre), never a centre above or below. Commands are rows of {@code wall_command}; each instance
 * polls the rows committed in the last seconds, so a command reaches every wall whichever instance
 * took it. {@link org.wangge.screen.WallCommands} defines the rules.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Linked screens")
package org.wangge.screen;
