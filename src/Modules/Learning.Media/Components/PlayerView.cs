using Learning.Media.Data;
using Learning.Media.Services;

namespace Learning.Media.Components;

/// <summary>What the player shows, worked out by <see cref="PlayerRenderer"/>: <see cref="Player"/> only lays it out.</summary>
/// <param name="Root">The video's signed folder, <c>/media/s/{token}/{publicId}/</c>.</param>
/// <param name="Renditions">As stored: video rungs high to low, then <c>audio</c> when there is an audio-only rendition.</param>
/// <param name="WatchToken">Empty in a preview: nothing is reported.</param>
/// <param name="Threshold">The share of the video, in percent, that completes it.</param>
/// <param name="Cues">The transcript: the cues of <paramref name="DefaultCaption"/>.</param>
public sealed record PlayerView(
    string Title,
    string Root,
    IReadOnlyList<string> Renditions,
    string WatchToken,
    double Resume,
    string DataSaver,
    double DurationSeconds,
    int Threshold,
    bool IsPreview,
    WatchStatus Status,
    IReadOnlyList<Caption> Captions,
    Caption? DefaultCaption,
    IReadOnlyList<CaptionCue> Cues,
    IReadOnlyList<Hotline> Hotlines,
    PlayerAssets Assets)
{
    public bool HasAudioOnly => Renditions.Contains("audio");
}
