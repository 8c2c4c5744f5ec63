// The Edit mode's strings in English and Arabic (merged into the strings of i18n.js): the header's controls, the key
// dialog, the form, the history panel and the problems a write can meet.
export const editingTexts = {
  en: {
    recordedOn: 'As recorded on', edit: 'Edit', editorKey: 'Editor key',
    editorKeyHint: 'Kept in this tab only (sessionStorage); every edit is recorded with the key\'s name.',
    startEditing: 'Start editing', cancel: 'Cancel', editMode: 'Edit mode',
    editIntro: 'Select a feature on the map to edit it, or draw a new one.', layer: 'Layer',
    newPoint: 'New point', newLine: 'New line', newArea: 'New area', editTitle: 'Edit {name}', newFeature: 'New feature',
    validFrom: 'From', validToOpen: 'To (empty: still present)', confidenceRange: 'Confidence (0–1)',
    newSource: 'New source for this change', sourceUrl: 'URL', sourcePublished: 'Published', sourceTitle: 'Title',
    comment: 'Comment: why this change', save: 'Save', delete: 'Delete', refused: 'Refused', savedStatus: 'Saved', deletedStatus: 'Deleted',
    restore: 'Restore this version', restoredComment: 'Restored the version of {date}', movedOrReshaped: 'moved or reshaped',
    change_created: 'created', change_changed: 'changed', change_deleted: 'deleted',
  },
  ar: {
    recordedOn: 'كما سُجّلت في', edit: 'تحرير', editorKey: 'مفتاح المحرر',
    editorKeyHint: 'يُحفظ في هذا التبويب فقط (sessionStorage)؛ ويُسجَّل كل تعديل باسم المفتاح.',
    startEditing: 'ابدأ التحرير', cancel: 'إلغاء', editMode: 'وضع التحرير',
    editIntro: 'اختر عنصراً على الخريطة لتحريره، أو ارسم عنصراً جديداً.', layer: 'الطبقة',
    newPoint: 'نقطة جديدة', newLine: 'خط جديد', newArea: 'منطقة جديدة', editTitle: 'تحرير {name}', newFeature: 'عنصر جديد',
    validFrom: 'من', validToOpen: 'إلى (فارغ: ما زال قائماً)', confidenceRange: 'الثقة (0–1)',
    newSource: 'مصدر جديد لهذا التعديل', sourceUrl: 'الرابط', sourcePublished: 'تاريخ النشر', sourceTitle: 'العنوان',
    comment: 'تعليق: سبب هذا التعديل', save: 'حفظ', delete: 'حذف', refused: 'مرفوض', savedStatus: 'حُفظ', deletedStatus: 'حُذف',
    restore: 'استعادة هذه النسخة', restoredComment: 'استُعيدت نسخة {date}', movedOrReshaped: 'نُقل أو أُعيد تشكيله',
    change_created: 'أُنشئ', change_changed: 'عُدّل', change_deleted: 'حُذف',
  },
};
