using System.Threading.Channels;

namespace Learning.Quizzes.Services;

/// <summary>The step the start's group commit takes, for its reads (<see cref="StartReads"/>) and its writes
/// (<see cref="StartWriter"/>): wait for work, then take every item waiting, up to the group's size.</summary>
internal static class GroupQueue
{
    /// <summary>Fills <paramref name="group"/> (cleared first) with at least one item; false once the queue is completed and
    /// empty.</summary>
    public static async ValueTask<bool> NextGroupAsync<T>(this ChannelReader<T> reader, List<T> group, int size)
    {
        group.Clear();
        while (group.Count == 0)
        {
            if (!await reader.WaitToReadAsync())
            {
                return false;
            }

            while (group.Count < size && reader.TryRead(out var next))
            {
                group.Add(next);
            }
        }

        return true;
    }
}
