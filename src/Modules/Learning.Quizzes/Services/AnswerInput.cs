namespace Learning.Quizzes.Services;

/// <summary>
/// One answer as the browser sends it: the slot, the browser's sequence number for that slot (it grows with every change,
/// so a late save of an older answer never overwrites a newer one), and the response, its options named by their place on
/// the attempt's page as the page names them (<see cref="AnswerKeys"/>), not by id.
/// </summary>
public sealed record AnswerInput(int Slot, long Sequence, QuestionResponse Response);
