namespace Learning.Media.Services;

public enum UploadError
{
    None,
    Empty,
    TooLarge,
    NotFound,
    OffsetMismatch,
    ChunkTooLarge,
    NotVideo,

    /// <summary>The media disk is full (or would be below its reserve): 507, resumable once space is freed.</summary>
    StorageFull,

    /// <summary>The media folder cannot be written (permissions, read-only mount): 503.</summary>
    StorageUnavailable,
}
