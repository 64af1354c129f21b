using Learning.Data.Jobs;
using Learning.Media.Data;

namespace Learning.Media.Services;

/// <summary>A video's state as people see it: ready, or its transcoding job's state.</summary>
public static class VideoStates
{
    public static string Of(VideoState state, JobState? job) => state switch
    {
        VideoState.Ready => "Ready",
        VideoState.Failed => "Failed",
        _ => job switch
        {
            JobState.Running => "Running",
            JobState.Failed => "Failed",
            JobState.Cancelled => "Cancelled",
            JobState.Succeeded => "Ready",
            _ => "Queued",
        },
    };
}
