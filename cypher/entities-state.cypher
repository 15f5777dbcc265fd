// After a write, how often each entity it touched is mentioned: the ones nothing mentions any more (or yet) are
// recounted from their facts' evidence, or deleted when no fact is left (entities-recount, entities-delete).
UNWIND $ids AS entityId
MATCH (e:Entity {id: entityId})
RETURN e.id AS id, e.mentionCount AS mentionCount
