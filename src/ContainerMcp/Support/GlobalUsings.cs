// Every part of the module works with the engine's servers; their names do not clash with the module's types.
global using ContainerMcp.Engine.Servers;
