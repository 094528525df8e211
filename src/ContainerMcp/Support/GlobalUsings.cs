// The engine's server and ours (the pipeline object) share a name; engine code here says EngineServer.
global using EngineServer = ContainerMcp.Engine.Servers.McpServer;
