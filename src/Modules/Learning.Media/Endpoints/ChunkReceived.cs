namespace Learning.Media.Endpoints;

/// <summary>A chunk landed: the bytes received so far and, once the last one landed, the new video's public id.</summary>
public sealed record ChunkReceived(long Received, string? Video);
