using System.Globalization;
using System.Text;
using static System.FormattableString;

namespace Learning.Media.Services;

/// <summary>
/// The one-pass ffmpeg command: the source is decoded once, split and scaled into every rung of the HLS ladder (capped at the source's
/// height), plus an audio-only rendition for the weakest links. The progressive 360p MP4 for download is then remuxed from the 360p
/// rendition without encoding again. Segments are 6 s, with key frames forced on the boundaries so every rendition switches cleanly.
/// </summary>
public sealed class TranscodePlan
{
    public const int SegmentSeconds = 6;

    public const int AudioOnlyKbps = 48;

    public static readonly IReadOnlyList<Rendition> Ladder =
    [
        new("720p", 720, 1800, 96),
        new("480p", 480, 800, 64),
        new("360p", 360, 450, 64),
        new("240p", 240, 200, 48),
    ];

    private TranscodePlan(IReadOnlyList<Rendition> renditions, bool hasAudio)
    {
        Renditions = renditions;
        HasAudio = hasAudio;
    }

    public IReadOnlyList<Rendition> Renditions { get; }

    public bool HasAudio { get; }

    /// <summary>Rendition names as stored and listed: video rungs high to low, then <c>audio</c> when the source has sound.</summary>
    public IEnumerable<string> Names => Renditions.Select(r => r.Name).Concat(HasAudio ? ["audio"] : []);

    public static TranscodePlan For(int sourceHeight, bool hasAudio)
    {
        var even = Math.Max(2, sourceHeight - (sourceHeight % 2));
        var rungs = Ladder.Where(r => r.Height <= even).ToList();
        if (rungs.Count == 0)
        {
            // Smaller than the lowest rung: one rendition at the source's own size, never upscaled.
            rungs.Add(new Rendition(even.ToString(CultureInfo.InvariantCulture) + "p", even, 150, 48));
        }

        return new TranscodePlan(rungs, hasAudio);
    }

    /// <summary>The rendition the progressive download is remuxed from: the highest at or below 360p.</summary>
    public Rendition DownloadRendition => Renditions.Where(r => r.Height <= 360).DefaultIfEmpty(Renditions[^1]).First();

    /// <summary>
    /// Everything after <c>-i source</c> up to (not including) the HLS output path <c>{folder}/hls/%v/index.m3u8</c>, which the caller
    /// appends; <paramref name="folder"/> is the video's folder. A rung at the source's own height is not scaled.
    /// </summary>
    public string OutputArguments(string folder, string preset, int sourceHeight)
    {
        var args = new StringBuilder();
        args.Append("-filter_complex \"").Append(FilterGraph(sourceHeight)).Append("\" ");
        AppendMaps(args);
        AppendVideoEncoding(args, preset);
        if (HasAudio)
        {
            AppendAudioEncoding(args);
        }

        args.Append("-var_stream_map \"").Append(StreamMap()).Append("\" ");
        args.Append(CultureInfo.InvariantCulture, $"-f hls -hls_time {SegmentSeconds} -hls_playlist_type vod -hls_flags independent_segments ");
        args.Append("-hls_segment_filename \"").Append(Path.Combine(folder, "hls", "%v", "seg_%03d.ts")).Append("\" ");
        args.Append("-master_pl_name master.m3u8");
        return args.ToString();
    }

    /// <summary>
    /// A cascade: each rung is scaled from the one above it (720 → 480 → 360 → 240), which costs less than scaling every rung
    /// from the source (about 7% of the whole ladder, measured on the 60-s bench clip). Rung <c>i</c> comes out as <c>[v{i}]</c>.
    /// </summary>
    private string FilterGraph(int sourceHeight)
    {
        var n = Renditions.Count;
        var graph = new StringBuilder();
        for (var i = 0; i < n; i++)
        {
            var input = i == 0 ? "[0:v]" : Invariant($";[c{i - 1}]");
            var scale = i == 0 && Renditions[0].Height == sourceHeight ? "" : Invariant($"scale=-2:{Renditions[i].Height}");
            var output = i < n - 1 ? Invariant($"split=2[v{i}][c{i}]") : Invariant($"[v{i}]");
            graph.Append(input).Append(scale);
            if (scale.Length == 0 && i == n - 1)
            {
                graph.Append("null");
            }
            else if (scale.Length > 0 && i < n - 1)
            {
                graph.Append(',');
            }

            graph.Append(output);
        }

        return graph.ToString();
    }

    /// <summary>Each rung's video, then the source's audio once per rung plus once for the audio-only rendition.</summary>
    private void AppendMaps(StringBuilder args)
    {
        for (var i = 0; i < Renditions.Count; i++)
        {
            args.Append(CultureInfo.InvariantCulture, $"-map \"[v{i}]\" ");
        }

        if (HasAudio)
        {
            for (var i = 0; i <= Renditions.Count; i++)
            {
                args.Append("-map 0:a:0 ");
            }
        }
    }

    /// <summary>H.264 with key frames forced on the segment boundaries, and each rung's bitrate, peak and buffer.</summary>
    private void AppendVideoEncoding(StringBuilder args, string preset)
    {
        args.Append(CultureInfo.InvariantCulture, $"-c:v libx264 -preset {preset} -profile:v main -pix_fmt yuv420p -sc_threshold 0 -force_key_frames \"expr:gte(t,n_forced*{SegmentSeconds})\" ");
        for (var i = 0; i < Renditions.Count; i++)
        {
            var r = Renditions[i];
            args.Append(CultureInfo.InvariantCulture, $"-b:v:{i} {r.VideoKbps}k -maxrate:v:{i} {r.VideoKbps * 11 / 10}k -bufsize:v:{i} {r.VideoKbps * 2}k ");
        }
    }

    /// <summary>AAC: stereo at each rung's bitrate, and mono at <see cref="AudioOnlyKbps"/> for the audio-only rendition.</summary>
    private void AppendAudioEncoding(StringBuilder args)
    {
        var n = Renditions.Count;
        args.Append("-c:a aac ");
        for (var i = 0; i < n; i++)
        {
            args.Append(CultureInfo.InvariantCulture, $"-b:a:{i} {Renditions[i].AudioKbps}k -ac:a:{i} 2 ");
        }

        args.Append(CultureInfo.InvariantCulture, $"-b:a:{n} {AudioOnlyKbps}k -ac:a:{n} 1 ");
    }

    /// <summary>Which streams make each HLS variant, and its name (the rendition's folder).</summary>
    private string StreamMap()
    {
        var n = Renditions.Count;
        var streamMap = new StringBuilder();
        for (var i = 0; i < n; i++)
        {
            streamMap.Append(HasAudio ? Invariant($"v:{i},a:{i},name:{Renditions[i].Name} ") : Invariant($"v:{i},name:{Renditions[i].Name} "));
        }

        if (HasAudio)
        {
            streamMap.Append(CultureInfo.InvariantCulture, $"a:{n},name:audio");
        }

        return streamMap.ToString().Trim();
    }

    public static string HlsOutput(string folder) => Path.Combine(folder, "hls", "%v", "index.m3u8");
}
