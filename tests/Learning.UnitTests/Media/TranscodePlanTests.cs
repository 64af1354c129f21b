using Learning.Media.Services;

namespace Learning.UnitTests.Media;

public sealed class TranscodePlanTests
{
    [Theory]
    [InlineData(1080, "720p,480p,360p,240p,audio")]
    [InlineData(720, "720p,480p,360p,240p,audio")]
    [InlineData(480, "480p,360p,240p,audio")]
    [InlineData(361, "360p,240p,audio")]
    [InlineData(180, "180p,audio")]
    public void Ladder_IsCappedAtTheSource(int height, string names) =>
        Assert.Equal(names, string.Join(',', TranscodePlan.For(height, hasAudio: true).Names));

    [Fact]
    public void Silent_Source_HasNoAudioRendition_AndNoAudioMaps()
    {
        var plan = TranscodePlan.For(720, hasAudio: false);
        Assert.Equal("720p,480p,360p,240p", string.Join(',', plan.Names));
        var args = plan.OutputArguments("/v", "veryfast", 720);
        Assert.DoesNotContain("0:a", args, StringComparison.Ordinal);
        Assert.Contains("-var_stream_map \"v:0,name:720p v:1,name:480p v:2,name:360p v:3,name:240p\"", args, StringComparison.Ordinal);
    }

    [Fact]
    public void OnePass_Arguments_SplitOnce_AlignKeyframes_AndNameEveryRendition()
    {
        var args = TranscodePlan.For(720, hasAudio: true).OutputArguments("/v", "superfast", 720);
        Assert.Contains("[0:v]split=4[s0][s1][s2][s3];[s0]null[v0];[s1]scale=-2:480[v1]", args, StringComparison.Ordinal);
        Assert.Contains("-force_key_frames \"expr:gte(t,n_forced*6)\"", args, StringComparison.Ordinal);
        Assert.Contains("a:4,name:audio\"", args, StringComparison.Ordinal);
        Assert.Contains("-b:a:4 48k -ac:a:4 1", args, StringComparison.Ordinal);
        Assert.Contains("-hls_time 6 -hls_playlist_type vod", args, StringComparison.Ordinal);
        Assert.Equal("360p", TranscodePlan.For(720, true).DownloadRendition.Name);
        Assert.Equal("180p", TranscodePlan.For(180, true).DownloadRendition.Name);
    }
}
